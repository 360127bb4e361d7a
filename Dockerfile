# desk-stats: build the fat jar with Maven, run it on a slim JRE as a non-root user.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so editing the sources does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
# curl for the health check. The chart's font is bundled in the jar.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 deskstats \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin deskstats \
    && mkdir -p /app/data \
    && chown -R 10001:10001 /app
WORKDIR /app
COPY --from=build --chown=10001:10001 /src/target/desk-stats-bot.jar /app/desk-stats-bot.jar
# The embedded H2 database (DATABASE_URL unset) lives in ./data, that is /app/data.
VOLUME ["/app/data"]
ENV PORT=3000
EXPOSE 3000
USER 10001:10001
# AppCDS: the training run starts the bot twice (a new install, then the restart after it) against a stand-in for
# Slack and the demo Desk, over a temporary H2 file, and records the classes a start loads; every start maps them.
RUN java -XX:ArchiveClassesAtExit=/app/desk-stats.jsa -XX:MaxRAMPercentage=75 -XX:MetaspaceSize=128m -XX:+UseSerialGC \
        -Djava.awt.headless=true -Dfile.encoding=UTF-8 -jar /app/desk-stats-bot.jar cds-training > /dev/null
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS --max-time 4 "http://127.0.0.1:${PORT}/health" || exit 1
# Exec form: java is PID 1 and gets SIGTERM. The heap follows the container memory limit; add flags with JAVA_TOOL_OPTIONS.
# MetaspaceSize: a start loads about 5,000 classes, past the default threshold (about 21 MB) of a full GC.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/desk-stats.jsa", "-XX:MaxRAMPercentage=75", "-XX:MetaspaceSize=128m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-jar", "/app/desk-stats-bot.jar"]
CMD []
