package dev.vigil;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One piece of user content to classify: named text fields ({@code body}, {@code title},
 * {@code username}, ...) plus metadata (author, locale, surface, the time it was posted and free-form
 * attributes). Behaviour signals ({@code dev.vigil.behavior}) count items by their time and by keys
 * taken from the metadata (the author, an attribute such as a device or an IP).
 *
 * <p>Fields keep the order in which they were added; classifiers that scan "all fields" scan them in
 * that order. A field that is absent differs from a field that is empty: a classifier asked about an
 * absent field answers {@link Outcome#NOT_APPLICABLE}, while an empty field simply does not match.
 *
 * <p>Immutable and safe to share between threads. {@link #toString()} never prints the text, only field
 * names and lengths, so that content can be logged without leaking private messages.
 *
 * <pre>{@code
 * Content post = Content.of("limited offer, click now");
 * Content listing = Content.builder()
 *     .field("title", "iPhone 15, almost free")
 *     .field("body", "dm me on telegram")
 *     .author("user-8812").locale(Locale.ENGLISH).surface("marketplace")
 *     .build();
 * }</pre>
 */
public final class Content {
  /** The field name used by {@link #of(String)} for single-field content. */
  public static final String BODY = "body";

  private static final String[] NO_STRINGS = new String[0];

  private final String[] names;
  private final String[] texts;
  private final @Nullable String author;
  private final @Nullable Locale locale;
  private final @Nullable String surface;
  private final @Nullable Instant time;
  private final Map<String, String> attributes;

  private Content(String[] names, String[] texts, @Nullable String author, @Nullable Locale locale,
      @Nullable String surface, @Nullable Instant time, Map<String, String> attributes) {
    this.names = names;
    this.texts = texts;
    this.author = author;
    this.locale = locale;
    this.surface = surface;
    this.time = time;
    this.attributes = attributes;
  }

  /** Content with one field, {@value #BODY}, holding {@code text}. */
  public static Content of(String text) {
    requireNonNull(text, "text");
    return new Content(new String[] {BODY}, new String[] {text}, null, null, null, null, Map.of());
  }

  /** A builder for content with several fields or with metadata. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this content's fields and metadata. */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (int i = 0; i < names.length; i++) {
      b.fields.put(names[i], texts[i]);
    }
    b.author = author;
    b.locale = locale;
    b.surface = surface;
    b.time = time;
    b.attributes.putAll(attributes);
    return b;
  }

  /** The number of text fields. */
  public int fieldCount() {
    return names.length;
  }

  /**
   * The name of the field at {@code index} (in insertion order). With {@link #fieldText(int)} this lets
   * classifiers iterate fields without allocating.
   */
  public String fieldName(int index) {
    return names[index];
  }

  /** The text of the field at {@code index} (in insertion order). */
  public String fieldText(int index) {
    return texts[index];
  }

  /** The text of the named field, or null when the content has no such field. */
  public @Nullable String field(String name) {
    int i = indexOf(name);
    return i < 0 ? null : texts[i];
  }

  /** Whether the content has the named field (possibly empty). */
  public boolean hasField(String name) {
    return indexOf(name) >= 0;
  }

  /** The fields, in insertion order, as an unmodifiable map. */
  public Map<String, String> fields() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], texts[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The author's identifier, if given. */
  public @Nullable String author() {
    return author;
  }

  /** The content's language, if given. */
  public @Nullable Locale locale() {
    return locale;
  }

  /** Where the content was posted ({@code "dm"}, {@code "comment"}, ...), if given. */
  public @Nullable String surface() {
    return surface;
  }

  /**
   * When the content was posted or sent, as the caller's clock says, if given. Behaviour signals count
   * by it (and ignore content without it); Vigil never reads the wall clock in their place, so that a
   * replay of the same items gives the same decisions.
   */
  public @Nullable Instant time() {
    return time;
  }

  /** Free-form metadata, unmodifiable. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * This content with only the named field, keeping the metadata; null when there is no such field.
   * Used by {@link Classifier#onField(String)}.
   */
  public @Nullable Content onlyField(String name) {
    int i = indexOf(name);
    if (i < 0) {
      return null;
    }
    if (names.length == 1) {
      return this;
    }
    return new Content(new String[] {names[i]}, new String[] {texts[i]}, author, locale, surface,
        time, attributes);
  }

  /**
   * This content with every field longer than its limit cut to that limit (never inside a surrogate
   * pair, so a cut may be one char shorter). Returns {@code this} when nothing is cut. Offsets into a
   * truncated field are offsets into the original, since only the tail is removed.
   *
   * @param limits the limit for each field, by index; a negative limit means no limit
   */
  Content truncated(int[] limits) {
    String[] cut = null;
    for (int i = 0; i < texts.length; i++) {
      int limit = limits[i];
      if (limit >= 0 && texts[i].length() > limit) {
        if (cut == null) {
          cut = texts.clone();
        }
        // Never inside a surrogate pair: a cut there would leave half a character.
        int end = Evidence.splitsSurrogatePair(texts[i], limit) ? limit - 1 : limit;
        cut[i] = texts[i].substring(0, end);
      }
    }
    return cut == null ? this : new Content(names, cut, author, locale, surface, time, attributes);
  }

  int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Content)) {
      return false;
    }
    Content that = (Content) o;
    return Arrays.equals(names, that.names) && Arrays.equals(texts, that.texts)
        && java.util.Objects.equals(author, that.author) && java.util.Objects.equals(locale, that.locale)
        && java.util.Objects.equals(surface, that.surface) && java.util.Objects.equals(time, that.time)
        && attributes.equals(that.attributes);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(names) + Arrays.hashCode(texts);
  }

  /** Field names and lengths only: the text is private and never printed. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Content{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names[i]).append('(').append(texts[i].length()).append(" chars)");
    }
    if (surface != null) {
      sb.append(", surface=").append(surface);
    }
    if (locale != null) {
      sb.append(", locale=").append(locale.toLanguageTag());
    }
    if (time != null) {
      sb.append(", time=").append(time);
    }
    return sb.append('}').toString();
  }

  /**
   * Builds {@link Content}. Each field name may be set once; metadata setters may be called again to
   * replace a value. Not thread safe; {@link #build()} may be called several times.
   */
  public static final class Builder {
    private final LinkedHashMap<String, String> fields = new LinkedHashMap<>();
    private @Nullable String author;
    private @Nullable Locale locale;
    private @Nullable String surface;
    private @Nullable Instant time;
    private final LinkedHashMap<String, String> attributes = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a text field.
     *
     * @throws IllegalArgumentException if the name is blank or was already added
     */
    public Builder field(String name, String text) {
      requireNonNull(name, "name");
      requireNonNull(text, "text");
      if (name.isBlank()) {
        throw new IllegalArgumentException("field name must not be blank but was '" + name + "'");
      }
      if (fields.containsKey(name)) {
        throw new IllegalArgumentException("field '" + name + "' was already set");
      }
      fields.put(name, text);
      return this;
    }

    /** Adds the {@value Content#BODY} field. */
    public Builder body(String text) {
      return field(BODY, text);
    }

    /** Sets the author's identifier. */
    public Builder author(String author) {
      this.author = requireNonNull(author, "author");
      return this;
    }

    /** Sets the content's language. */
    public Builder locale(Locale locale) {
      this.locale = requireNonNull(locale, "locale");
      return this;
    }

    /** Sets where the content was posted. */
    public Builder surface(String surface) {
      this.surface = requireNonNull(surface, "surface");
      return this;
    }

    /** Sets when the content was posted or sent (see {@link Content#time()}). */
    public Builder time(Instant time) {
      this.time = requireNonNull(time, "time");
      return this;
    }

    /** Adds or replaces a free-form metadata attribute. */
    public Builder attribute(String key, String value) {
      attributes.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /** The content. The builder stays usable. */
    public Content build() {
      String[] n = fields.keySet().toArray(NO_STRINGS);
      String[] t = fields.values().toArray(NO_STRINGS);
      return new Content(n, t, author, locale, surface, time,
          Collections.unmodifiableMap(new LinkedHashMap<>(attributes)));
    }
  }
}
