package dev.vigil.behavior;

import dev.vigil.Content;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A key with at most one value per item ({@link Key#author()}, {@link Key#attribute}), which the
 * behaviour signals read without a list: every signal of an item asks for it, on the scoring path.
 */
final class OneValueKey implements Key {
  private final String name;
  private final Function<Content, @Nullable String> value;

  OneValueKey(String name, Function<Content, @Nullable String> value) {
    this.name = name;
    this.value = value;
  }

  /** The item's value of this key, or null when it has none. */
  @Nullable String value(Content content) {
    return value.apply(content);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> values(Content content) {
    String v = value(content);
    return v == null ? List.of() : List.of(v);
  }

  @Override
  public String toString() {
    return name;
  }
}
