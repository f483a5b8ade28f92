package dev.vigil.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Content;
import dev.vigil.eval.LabeledItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads labeled items for {@code vigil eval} from CSV (RFC 4180: quoted fields may hold commas, quotes
 * and line breaks), TSV (no quoting: a field holds no tab or line break) or JSON Lines. CSV and TSV start
 * with a header row naming the columns, unless {@code columns} names them. Every row that cannot be read
 * (an unterminated quote, a missing text or label, bad JSON, a bad time) is counted and recorded with
 * its line, never silently dropped. Optional {@code author} and {@code time} (ISO-8601) columns or JSON
 * fields give behaviour signals what they count by.
 */
final class LabeledInput {
  /** What was read: the items, and every malformed row by line. */
  record Result(List<LabeledItem> items, long rows, List<String> malformed) {}

  private final String format;
  private final String textField;
  private final String labelField;
  private final @Nullable String idField;
  private final @Nullable List<String> columns;
  private final Set<String> harmful;
  private final List<String> malformed = new ArrayList<>();
  private final List<LabeledItem> items = new ArrayList<>();
  private long rows;
  private String source = "";

  LabeledInput(String format, String textField, String labelField, @Nullable String idField,
      @Nullable List<String> columns, Set<String> harmful) {
    this.format = format;
    this.textField = textField;
    this.labelField = labelField;
    this.idField = idField;
    this.columns = columns;
    this.harmful = harmful;
  }

  /** The format a file name implies: csv, tsv or jsonl; null when the extension says nothing. */
  static @Nullable String formatOf(String file) {
    String f = file.toLowerCase(Locale.ROOT);
    if (f.endsWith(".csv")) {
      return "csv";
    }
    if (f.endsWith(".tsv") || f.endsWith(".tab")) {
      return "tsv";
    }
    if (f.endsWith(".jsonl") || f.endsWith(".ndjson")) {
      return "jsonl";
    }
    return null;
  }

  Result read(String source, InputStream in) throws IOException {
    this.source = source;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in,
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    if (format.equals("jsonl")) {
      readJsonLines(reader);
    } else {
      readDelimited(reader, format.equals("csv") ? ',' : '\t');
    }
    return new Result(List.copyOf(items), rows, List.copyOf(malformed));
  }

  private void bad(long line, String why) {
    malformed.add(source + ":" + line + ": " + why);
  }

  private void add(long line, @Nullable String id, @Nullable String text, @Nullable String label) {
    add(line, id, text, label, null, null);
  }

  private void add(long line, @Nullable String id, @Nullable String text, @Nullable String label,
      @Nullable String author, @Nullable String time) {
    if (text == null) {
      bad(line, "no '" + textField + "' field");
      return;
    }
    if (label == null || label.isBlank()) {
      bad(line, "no '" + labelField + "' label");
      return;
    }
    String value = label.strip();
    boolean isHarmful = harmful.contains(value.toLowerCase(Locale.ROOT));
    Content.Builder content = Content.builder().body(text);
    if (author != null && !author.isBlank()) {
      content.author(author);
    }
    if (time != null && !time.isBlank()) {
      try {
        content.time(ItemParser.time(time));
      } catch (ItemParser.BadLineException e) {
        bad(line, e.getMessage());
        return;
      }
    }
    items.add(new LabeledItem(id != null ? id : String.valueOf(line), content.build(), isHarmful,
        isHarmful ? value : null));
  }

  private void readJsonLines(BufferedReader reader) throws IOException {
    ObjectMapper json = new ObjectMapper();
    String line;
    long number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      rows++;
      JsonNode node;
      try {
        node = json.readTree(line);
      } catch (JsonProcessingException e) {
        bad(number, "not JSON: " + e.getOriginalMessage());
        continue;
      }
      if (!node.isObject()) {
        bad(number, "not a JSON object");
        continue;
      }
      JsonNode text = node.get(textField);
      JsonNode label = node.get(labelField);
      JsonNode id = node.get(idField != null ? idField : "id");
      add(number, id == null || id.isNull() ? null : id.asText(),
          text == null || !text.isValueNode() || text.isNull() ? null : text.asText(),
          label == null || !label.isValueNode() || label.isNull() ? null : label.asText(),
          textOf(node.get("author")), textOf(node.get("time")));
    }
  }

  private static @Nullable String textOf(@Nullable JsonNode n) {
    return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
  }

  private void readDelimited(BufferedReader reader, char delimiter) throws IOException {
    RowReader rows = new RowReader(reader, delimiter, delimiter == ',');
    List<String> header = columns;
    if (header == null) {
      List<String> first = rows.next();
      if (first == null) {
        return;
      }
      header = first;
      if (!header.isEmpty() && header.get(0).startsWith("\ufeff")) {
        header = new ArrayList<>(header);
        header.set(0, header.get(0).substring(1));
      }
    }
    int text = header.indexOf(textField);
    int label = header.indexOf(labelField);
    int id = idField != null ? header.indexOf(idField) : header.indexOf("id");
    int author = header.indexOf("author");
    int time = header.indexOf("time");
    if (text < 0 || label < 0) {
      throw new IOException(source + ": no column named '" + (text < 0 ? textField : labelField)
          + "' among " + header + " (name them with --text-field, --label-field or --columns)");
    }
    while (true) {
      List<String> row;
      long start;
      try {
        row = rows.next();
        start = rows.startLine;
      } catch (RowReader.BadRowException e) {
        this.rows++;
        bad(e.line, e.getMessage());
        continue;
      }
      if (row == null) {
        return;
      }
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      this.rows++;
      if (row.size() != header.size()) {
        bad(start, row.size() + " columns where the header has " + header.size());
        continue;
      }
      add(start, id >= 0 ? row.get(id) : null, row.get(text), row.get(label),
          author >= 0 ? row.get(author) : null, time >= 0 ? row.get(time) : null);
    }
  }

  /** Splits delimited text into rows, tracking line numbers; quoting only for CSV. */
  static final class RowReader {
    private final BufferedReader reader;
    private final char delimiter;
    private final boolean quoting;
    long line;
    long startLine;

    RowReader(BufferedReader reader, char delimiter, boolean quoting) {
      this.reader = reader;
      this.delimiter = delimiter;
      this.quoting = quoting;
    }

    static final class BadRowException extends IOException {
      private static final long serialVersionUID = 1L;
      final long line;

      BadRowException(long line, String message) {
        super(message);
        this.line = line;
      }
    }

    /** The next row, or null at the end. */
    @Nullable List<String> next() throws IOException {
      String text = reader.readLine();
      if (text == null) {
        return null;
      }
      line++;
      startLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean fieldStart = true;
      int i = 0;
      while (true) {
        if (i >= text.length()) {
          if (quoted) {
            String more = reader.readLine();
            if (more == null) {
              throw new BadRowException(startLine, "a quoted field is never closed");
            }
            line++;
            field.append('\n');
            text = more;
            i = 0;
            continue;
          }
          fields.add(field.toString());
          return fields;
        }
        char c = text.charAt(i);
        if (quoting && quoted) {
          if (c == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            quoted = false;
          } else {
            field.append(c);
          }
          i++;
          continue;
        }
        if (quoting && c == '"' && fieldStart) {
          quoted = true;
          fieldStart = false;
          i++;
          continue;
        }
        if (c == delimiter) {
          fields.add(field.toString());
          field.setLength(0);
          fieldStart = true;
          i++;
          continue;
        }
        field.append(c);
        fieldStart = false;
        i++;
      }
    }
  }
}
