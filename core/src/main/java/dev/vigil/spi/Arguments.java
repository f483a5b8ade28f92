package dev.vigil.spi;

import dev.vigil.links.DomainList;
import dev.vigil.text.Term;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The checked arguments of one signal of a policy file, handed to {@link SignalKind#create}. Every value
 * was checked against the kind's {@link Parameter}s before the kind sees it: a getter returns the value
 * given in the file, else the parameter's default, and throws {@link IllegalStateException} only when
 * the kind asks for a parameter it did not declare, of another type, or one that was neither given nor
 * has a default (ask {@link #has} first).
 *
 * <p>Implemented by the loader; valid only during {@link SignalKind#create} (or {@code createAll}).
 */
public interface Arguments {
  /** The signal's name in the policy file: name the classifier after it. */
  String signal();

  /**
   * The category the signal counts in, or null for a part (a classifier used only inside composite
   * expressions). Kinds that label their evidence with a category default to it.
   */
  @Nullable String category();

  /** Whether the file gives the parameter (a default does not count). */
  boolean has(String key);

  /** A {@link Parameter.Type#STRING} or {@link Parameter.Type#CHOICE} value. */
  String string(String key);

  /** A {@link Parameter.Type#NUMBER} value. */
  double number(String key);

  /** An {@link Parameter.Type#INTEGER} value. */
  int integer(String key);

  /** A {@link Parameter.Type#BOOLEAN} value. */
  boolean flag(String key);

  /** A {@link Parameter.Type#STRINGS} value, in file order (empty when left out without a default). */
  List<String> strings(String key);

  /** A {@link Parameter.Type#RANGE} value: {@code {low, high}} with {@code low < high}. */
  double[] range(String key);

  /** A {@link Parameter.Type#TERM_LISTS} value: the named lists, in the order named. */
  List<NamedTermList> termLists(String key);

  /**
   * An {@link Parameter.Type#ALLOW_LISTS} value: the entries of every named allow-list, in order, each as a
   * {@link Term} whose text and mode are the entry's (other fields are defaults).
   */
  List<Term> allowEntries(String key);

  /** A {@link Parameter.Type#DOMAINS} value: the named domain list, or the list written inline. */
  DomainList domains(String key);

  /** A {@link Parameter.Type#FILE} value: the file, already read (and covered by the policy's hash). */
  SourceFile file(String key);

  /** A {@link Parameter.Type#STRING_MAP} value, in file order. */
  Map<String, String> stringMap(String key);

  /**
   * Reports a problem with the value of {@code key} (or, when {@code key} is null, with the signal's
   * {@code kind}), positioned in the policy file. The policy is not built; the loader goes on to report
   * the file's other problems.
   */
  void report(@Nullable String key, String message);

  /**
   * Reports a problem at a line of the {@link Parameter.Type#FILE} given for {@code key}, so that the
   * message names that file and line.
   */
  void reportInFile(String key, int line, String message);
}
