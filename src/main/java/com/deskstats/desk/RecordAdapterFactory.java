package com.deskstats.desk;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes Java records by their components, honouring {@code @Json(name)}. Unlike Moshi's own
 * record adapter, a missing or null field takes a default (0, false, "", an empty list) instead of failing:
 * Desk leaves fields out.
 */
final class RecordAdapterFactory implements JsonAdapter.Factory {

  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class<?> cls) || !cls.isRecord()) return null;
    RecordComponent[] components = cls.getRecordComponents();
    Binding[] bindings = new Binding[components.length];
    Class<?>[] paramTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      paramTypes[i] = c.getType();
      c.getAccessor().setAccessible(true);
      bindings[i] = new Binding(jsonName(c), c, moshi.adapter(c.getGenericType()), defaultFor(c));
    }
    Constructor<?> constructor;
    try {
      constructor = cls.getDeclaredConstructor(paramTypes);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("No canonical constructor for " + cls, e);
    }
    return new RecordAdapter<>(cls, constructor, bindings).nullSafe();
  }

  private static String jsonName(RecordComponent c) {
    Json json = c.getAnnotation(Json.class);
    if (json == null) json = c.getAccessor().getAnnotation(Json.class);
    return json != null && !json.name().equals(Json.UNSET_NAME) ? json.name() : c.getName();
  }

  private static final Map<Class<?>, Object> PRIMITIVE_DEFAULTS = Map.of(
      long.class, 0L, int.class, 0, short.class, (short) 0, byte.class, (byte) 0,
      double.class, 0.0d, float.class, 0.0f, boolean.class, false, char.class, '\0');

  private static Object defaultFor(RecordComponent c) {
    Class<?> raw = c.getType();
    if (raw.isPrimitive()) return PRIMITIVE_DEFAULTS.get(raw);
    if (raw == String.class) return "";
    if (raw == List.class || Types.getRawType(c.getGenericType()) == List.class) return List.of();
    return null;
  }

  private record Binding(String name, RecordComponent component, JsonAdapter<Object> adapter, Object dflt) {}

  private static final class RecordAdapter<T> extends JsonAdapter<T> {
    private final Class<?> type;
    private final Constructor<?> constructor;
    private final Binding[] bindings;
    private final JsonReader.Options options;

    RecordAdapter(Class<?> type, Constructor<?> constructor, Binding[] bindings) {
      this.type = type;
      this.constructor = constructor;
      this.bindings = bindings;
      String[] names = new String[bindings.length];
      for (int i = 0; i < bindings.length; i++) names[i] = bindings[i].name();
      this.options = JsonReader.Options.of(names);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T fromJson(JsonReader reader) throws IOException {
      Object[] values = new Object[bindings.length];
      reader.beginObject();
      while (reader.hasNext()) {
        int i = reader.selectName(options);
        if (i < 0) {
          reader.skipName();
          reader.skipValue();
          continue;
        }
        if (reader.peek() == JsonReader.Token.NULL) {
          reader.nextNull();
        } else {
          values[i] = bindings[i].adapter().fromJson(reader);
        }
      }
      reader.endObject();
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) values[i] = bindings[i].dflt();
      }
      try {
        return (T) constructor.newInstance(values);
      } catch (InvocationTargetException e) {
        throw new JsonDataException("Invalid " + type.getSimpleName() + " at " + reader.getPath() + ": " + e.getCause().getMessage(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, T value) throws IOException {
      writer.beginObject();
      for (Binding b : bindings) {
        Object v;
        try {
          v = b.component().getAccessor().invoke(value);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        writer.name(b.name());
        b.adapter().toJson(writer, v);
      }
      writer.endObject();
    }

    @Override
    public String toString() {
      return "RecordAdapter(" + type.getSimpleName() + ")";
    }
  }
}
