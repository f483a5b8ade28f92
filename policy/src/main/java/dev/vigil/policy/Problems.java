package dev.vigil.policy;

import java.util.List;

/**
 * Collects the problems of one load: each one positioned in {@link #file()} (the policy file, or a file
 * it reads, through {@link #in}). Shared by every section of the interpreter, so that one load reports
 * everything at once.
 */
final class Problems {
  private final String file;
  private final List<Problem> sink;

  Problems(String file, List<Problem> sink) {
    this.file = file;
    this.sink = sink;
  }

  /** The file these problems are in. */
  String file() {
    return file;
  }

  /** A collector for problems in another file, reporting to the same list. */
  Problems in(String otherFile) {
    return new Problems(otherFile, sink);
  }

  void error(int line, int column, String message) {
    sink.add(new Problem(Problem.Severity.ERROR, file, line, column, message));
  }

  void error(Yaml.Node at, String message) {
    error(at.line, at.column, message);
  }

  /** An error at the char {@code offset} of a scalar's value (an expression, a rule). */
  void error(Yaml.Scalar at, int offset, String message) {
    error(at.line, at.columnOf(offset), message);
  }

  void warning(int line, int column, String message) {
    sink.add(new Problem(Problem.Severity.WARNING, file, line, column, message));
  }

  void warning(Yaml.Node at, String message) {
    warning(at.line, at.column, message);
  }

  /** Whether any error has been reported, in any file. */
  boolean hasErrors() {
    for (Problem p : sink) {
      if (p.severity() == Problem.Severity.ERROR) {
        return true;
      }
    }
    return false;
  }

  /** How many problems have been reported so far. */
  int count() {
    return sink.size();
  }
}
