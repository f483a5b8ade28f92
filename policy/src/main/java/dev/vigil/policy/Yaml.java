package dev.vigil.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A YAML 1.2 document as a tree of {@link Node}s that remember their line and column, built from
 * SnakeYAML Engine's events (its parser is iterative, so no input can overflow the stack) under the
 * {@link PolicyLimits}: nesting depth, aliases, and the number of nodes the document expands to with its
 * aliases repeated (the "billion laughs" defence). Plain scalars are typed by the YAML 1.2 core schema,
 * so {@code no}, {@code off} and {@code yes} stay strings; quoted and block scalars are always strings.
 * Nothing is ever constructed from a tag: only the standard tags ({@code !!str}, {@code !!int}, ...) are
 * accepted.
 */
final class Yaml {
  private Yaml() {}

  private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();
  private static final String STANDARD_TAG = Tag.PREFIX;

  /** The kind of value a plain scalar resolves to under the core schema. */
  enum Type {
    STRING, INT, FLOAT, BOOL, NULL
  }

  /** A node and where it starts (line and column from 1). */
  abstract static class Node {
    final int line;
    final int column;
    /** Nodes this one stands for, counting what aliases repeat. */
    long expanded = 1;

    Node(int line, int column) {
      this.line = line;
      this.column = column;
    }

    /** What the node is, for messages: "the string 'x'", "a mapping", "a list". */
    abstract String describe();
  }

  /** A scalar: its text and the type the core schema gives it. */
  static final class Scalar extends Node {
    final String value;
    final Type type;
    final ScalarStyle style;
    final int endLine;
    final int endColumn;

    Scalar(int line, int column, int endLine, int endColumn, String value, Type type,
        ScalarStyle style) {
      super(line, column);
      this.value = value;
      this.type = type;
      this.style = style;
      this.endLine = endLine;
      this.endColumn = endColumn;
    }

    /**
     * The column of the char at {@code offset} of the value, when the scalar is written on one line
     * without escapes (so that value and source line up); otherwise the scalar's own column.
     */
    int columnOf(int offset) {
      if (endLine != line) {
        return column;
      }
      int quote = style == ScalarStyle.PLAIN ? 0
          : style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED ? 1 : -1;
      if (quote < 0 || endColumn - column - 2 * quote != value.codePointCount(0, value.length())) {
        return column;
      }
      return column + quote + value.codePointCount(0, Math.min(offset, value.length()));
    }

    @Override
    String describe() {
      switch (type) {
        case NULL:
          return "nothing (null)";
        case BOOL:
          return "the boolean " + value;
        case INT:
        case FLOAT:
          return "the number " + value;
        default:
          return "the string '" + Interpreter.shorten(value) + "'";
      }
    }
  }

  /** A sequence. */
  static final class Sequence extends Node {
    final List<Node> items = new ArrayList<>();

    Sequence(int line, int column) {
      super(line, column);
    }

    @Override
    String describe() {
      return "a list";
    }
  }

  /** A mapping with string keys, in file order. */
  static final class Mapping extends Node {
    final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Whether it is written in flow style, {@code {a: 1}}, rather than one key per line. */
    boolean flow;

    Mapping(int line, int column) {
      super(line, column);
    }

    @Nullable Node get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value;
    }

    @Override
    String describe() {
      return "a mapping";
    }
  }

  /** A key of a mapping, with its position, and its value. */
  record Entry(Scalar key, Node value) {}

  /** Thrown to stop at the first problem that makes the rest of the document unreadable. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /**
   * Parses one document. Reports each problem to {@code problems} and returns null when the document
   * cannot be read (a syntax error, a limit, an empty file); otherwise the root.
   */
  static @Nullable Node parse(String text, PolicyLimits limits, Problems problems) {
    LoadSettings settings = LoadSettings.builder().setLabel(problems.file())
        .setCodePointLimit(Integer.MAX_VALUE).setMaxAliasesForCollections(Integer.MAX_VALUE)
        .setAllowDuplicateKeys(true).build();
    Builder b = new Builder(limits, problems);
    try {
      // The parser of the exported org.snakeyaml.engine.v2.parser package (its lowlevel.Parse wrapper
      // is not exported to the module path).
      ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
      while (parser.hasNext()) {
        b.accept(parser.next());
      }
    } catch (Stop stop) {
      return null;
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      if (e.getContext() != null) {
        what = e.getContext() + ": " + what;
      }
      problems.error(mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0),
          "invalid YAML: " + what);
      return null;
    } catch (YamlEngineException e) {
      problems.error(0, 0, "invalid YAML: " + e.getMessage());
      return null;
    }
    if (b.root == null) {
      problems.error(1, 1, "the file holds no policy: expected a mapping with 'policy:', 'signals:' and"
          + " 'rules:' but found an empty document");
      return null;
    }
    return b.root;
  }

  /** Builds the tree from events with an explicit stack. */
  private static final class Builder {
    private final PolicyLimits limits;
    private final Problems problems;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<String, Node> anchors = new HashMap<>();
    private final Map<String, Boolean> open = new HashMap<>();
    private int aliases;
    private int documents;
    @Nullable Node root;

    Builder(PolicyLimits limits, Problems problems) {
      this.limits = limits;
      this.problems = problems;
    }

    /** An open collection and, for a mapping, the key waiting for its value. */
    private static final class Frame {
      final Node node;
      final @Nullable String anchor;
      @Nullable Scalar key;

      Frame(Node node, @Nullable String anchor) {
        this.node = node;
        this.anchor = anchor;
      }
    }

    void accept(Event e) {
      switch (e.getEventId()) {
        case DocumentStart:
          if (++documents > 1) {
            fail(e, "a policy file holds one YAML document, but a second one starts here ('---')");
          }
          break;
        case Scalar:
          add(scalar((ScalarEvent) e), e);
          break;
        case Alias:
          add(alias((AliasEvent) e), e);
          break;
        case SequenceStart:
        case MappingStart: {
          CollectionStartEvent c = (CollectionStartEvent) e;
          checkTag(c.getTag().orElse(null), e);
          if (stack.size() >= limits.maxDepth()) {
            fail(e, "the YAML nests deeper than " + limits.maxDepth() + " levels (the limit)");
          }
          Node n;
          if (e instanceof MappingStartEvent) {
            Mapping m = new Mapping(line(e), column(e));
            m.flow = ((MappingStartEvent) e).isFlow();
            n = m;
          } else {
            n = new Sequence(line(e), column(e));
          }
          String anchor = anchor(c);
          if (anchor != null) {
            anchors.put(anchor, n);
            open.put(anchor, true);
          }
          stack.push(new Frame(n, anchor));
          break;
        }
        case SequenceEnd:
        case MappingEnd: {
          Frame f = stack.pop();
          if (f.anchor != null) {
            open.remove(f.anchor);
          }
          add(f.node, e);
          break;
        }
        default:
          break;
      }
    }

    private @Nullable String anchor(NodeEvent e) {
      return e.getAnchor().map(Anchor::getValue).orElse(null);
    }

    private Scalar scalar(ScalarEvent e) {
      String tag = e.getTag().orElse(null);
      checkTag(tag, e);
      Type type;
      if (tag != null && !tag.equals("!")) {
        type = typeOfTag(tag);
      } else if (e.getScalarStyle() != ScalarStyle.PLAIN) {
        type = Type.STRING;
      } else {
        Tag resolved = RESOLVER.resolve(e.getValue(), true);
        type = typeOfTag(resolved.getValue());
      }
      int endLine = e.getEndMark().map(m -> m.getLine() + 1).orElse(line(e));
      int endColumn = e.getEndMark().map(m -> m.getColumn() + 1).orElse(column(e));
      Scalar s = new Scalar(line(e), column(e), endLine, endColumn, e.getValue(), type,
          e.getScalarStyle());
      String anchor = anchor(e);
      if (anchor != null) {
        anchors.put(anchor, s);
      }
      return s;
    }

    private static Type typeOfTag(String tag) {
      switch (tag) {
        case "tag:yaml.org,2002:int":
          return Type.INT;
        case "tag:yaml.org,2002:float":
          return Type.FLOAT;
        case "tag:yaml.org,2002:bool":
          return Type.BOOL;
        case "tag:yaml.org,2002:null":
          return Type.NULL;
        default:
          return Type.STRING;
      }
    }

    private void checkTag(@Nullable String tag, Event e) {
      if (tag == null || tag.equals("!")) {
        return;
      }
      if (!tag.startsWith(STANDARD_TAG) || !List.of("str", "int", "float", "bool", "null", "seq", "map")
          .contains(tag.substring(STANDARD_TAG.length()))) {
        fail(e, "tags are not supported in policy files, only the standard ones (!!str, !!int, ...);"
            + " found '" + Interpreter.shorten(tag) + "'");
      }
    }

    private Node alias(AliasEvent e) {
      String name = e.getAlias().getValue();
      if (++aliases > limits.maxAliases()) {
        fail(e, "the YAML uses more than " + limits.maxAliases() + " aliases (the limit)");
      }
      Node target = anchors.get(name);
      if (target == null) {
        fail(e, "alias '*" + name + "' names no anchor defined before it");
      }
      if (open.containsKey(name)) {
        fail(e, "alias '*" + name + "' refers to a node that contains it (a recursive alias)");
      }
      return target;
    }

    /** Attaches a finished node to its parent (or makes it the root), checking keys and size. */
    private void add(Node n, Event at) {
      Frame parent = stack.peek();
      if (parent == null) {
        root = n;
        if (n.expanded > limits.maxNodes()) {
          tooLarge(at);
        }
        return;
      }
      parent.node.expanded += n.expanded;
      if (parent.node.expanded > limits.maxNodes()) {
        tooLarge(at);
      }
      if (parent.node instanceof Sequence) {
        ((Sequence) parent.node).items.add(n);
        return;
      }
      Mapping m = (Mapping) parent.node;
      if (parent.key == null) {
        if (!(n instanceof Scalar) || ((Scalar) n).type == Type.NULL) {
          fail(at, "mapping keys must be names, but this key is " + n.describe());
        }
        Scalar key = (Scalar) n;
        Entry first = m.entries.get(key.value);
        if (first != null) {
          problems.error(key.line, key.column, "duplicate key '" + Interpreter.shorten(key.value)
              + "' (first at line " + first.key().line + "); each key may appear once in a mapping");
        }
        parent.key = key;
        return;
      }
      m.entries.putIfAbsent(parent.key.value, new Entry(parent.key, n));
      parent.key = null;
    }

    private void tooLarge(Event at) {
      fail(at, "the YAML expands to more than " + limits.maxNodes() + " nodes (the limit), counting"
          + " every node an alias repeats");
    }

    private void fail(Event e, String message) {
      problems.error(line(e), column(e), message);
      throw new Stop();
    }

    private static int line(Event e) {
      return e.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static int column(Event e) {
      return e.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
    }
  }
}
