package dev.vigil.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: {@code vigil score --format html} writes one page a reviewer can read, checked in a real
 * headless Chromium (Debian's {@code chromium}, which {@code .ci/run} installs): content is escaped and a
 * {@code <script>} in a message never runs, and the highlighted evidence is visible on a screenshot.
 * Skips, saying so, where no Chromium is installed; the checks that need no browser always run.
 */
class ScoreHtmlBrowserTest {
  @TempDir Path dir;

  /** The highlight colour of evidence in the page's style sheet (#ffd54f). */
  private static final int HIGHLIGHT = 0xFFD54F;

  private static final String HOSTILE = "{\"id\": \"x1\", \"text\": \"<script>document.title='pwned'"
      + "</script><img src=x onerror=\\\"document.title='pwned'\\\">Guaranteed returns, double your"
      + " money &amp; more\"}\n";
  private static final String EVASION = "{\"id\": \"e1\", \"text\": \"gift\\u200B cards from a Cyrillic"
      + " g\\u0456ft shop\"}\n";
  private static final String HARMLESS = "{\"id\": \"h1\", \"text\": \"see you at lunch tomorrow\"}\n";

  private static String page(String jsonLines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(jsonLines.getBytes(StandardCharsets.UTF_8));
    int code = VigilCli.run(new String[] {"score", "--format", "html", "--input-format", "jsonl", "-"},
        in, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void thePageIsWellFormedEscapedAndHoldsTheArithmetic() throws Exception {
    String html = page(HOSTILE + EVASION + HARMLESS);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.newDocumentBuilder().parse(new ByteArrayInputStream(html.replace("<!DOCTYPE html>", "")
        .getBytes(StandardCharsets.UTF_8)));
    assertFalse(html.contains("<script>"), "content is escaped");
    assertFalse(html.contains("<img"), "content is escaped");
    assertTrue(html.contains("&lt;script&gt;document.title="), html);
    assertTrue(html.contains("Content-Security-Policy"));
    assertTrue(html.contains("3 items"), html);
    assertTrue(html.contains("<mark title=\"scam-phrases\">Guaranteed returns</mark>"), html);
    assertTrue(html.contains("<span class=\"inv\" title=\"an invisible character\">U+200B</span>"), html);
    assertTrue(html.contains("<span class=\"script\" title=\"Cyrillic letter\">\u0456</span>"), html);
    assertTrue(html.contains("= total <b>"), html);
    assertTrue(html.contains("Did not fire ("), html);
  }

  @Test
  void aScriptInAMessageNeverRunsInARealBrowser() throws Exception {
    Path chromium = chromium();
    Path file = dir.resolve("report.html");
    Files.writeString(file, page(HOSTILE + HARMLESS));
    String dom = run(chromium, List.of("--dump-dom", file.toUri().toString()));
    assertTrue(dom.contains("<title>Vigil decisions: sample v"), "the title is the page's: " + dom);
    assertFalse(dom.contains("pwned</title>"), "a script from the content ran");
    assertFalse(dom.contains("<script"), "the browser sees no script element");
    assertFalse(dom.contains("<img"), "the browser sees no image element from the content");
    assertTrue(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), "shown as text");
  }

  @Test
  void highlightedEvidenceIsVisibleOnAScreenshot() throws Exception {
    Path chromium = chromium();
    long withEvidence = highlighted(chromium, HOSTILE, "hits");
    long without = highlighted(chromium, HARMLESS, "none");
    assertEquals(0, without, "no evidence, nothing highlighted");
    // "Guaranteed returns" and "double your money" at 14px in a monospace font: thousands of pixels.
    assertTrue(withEvidence > 500, "highlighted pixels: " + withEvidence);
  }

  /** How many pixels of a screenshot of the page of {@code items} have the highlight colour. */
  private long highlighted(Path chromium, String items, String name) throws Exception {
    // The explanation at the top of the page shows one highlight as an example: leave it out.
    String html = page(items).replace("what the policy found <mark>highlighted</mark>",
        "what the policy found highlighted");
    Path file = dir.resolve(name + ".html");
    Files.writeString(file, html);
    Path png = dir.resolve(name + ".png");
    run(chromium, List.of("--screenshot=" + png, "--window-size=1200,1400", file.toUri().toString()));
    assertTrue(Files.size(png) > 0, "the screenshot was written");
    BufferedImage image = ImageIO.read(png.toFile());
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == HIGHLIGHT) {
          count++;
        }
      }
    }
    return count;
  }

  /** Debian's Chromium, or {@code VIGIL_CHROMIUM}; the test is skipped, saying why, without one. */
  private static Path chromium() {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("VIGIL_CHROMIUM");
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome"));
    for (String c : candidates) {
      if (new File(c).canExecute()) {
        return Path.of(c);
      }
    }
    assumeTrue(false, "Chromium is not installed (apt-get install chromium, as .ci/run does, or set"
        + " VIGIL_CHROMIUM): browser tests of the HTML report skipped");
    throw new AssertionError("unreachable");
  }

  /** Runs headless Chromium with {@code args}; its standard output. */
  private String run(Path chromium, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
        "--user-data-dir=" + dir.resolve("profile")));
    command.addAll(args);
    Path log = dir.resolve("chromium.log");
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("Chromium did not finish in 120 s: " + Files.readString(log));
    }
    assertEquals(0, p.exitValue(), () -> "Chromium failed: " + readQuietly(log));
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
