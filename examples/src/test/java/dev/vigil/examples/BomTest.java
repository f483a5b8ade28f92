package dev.vigil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM ({@code bom/pom.xml}) lists every published module of the build at the project's version,
 * and nothing else: a module added to the parent without its BOM entry, or a BOM left on an old version,
 * fails here. A module is published unless its POM sets {@code maven.deploy.skip} (the benchmarks and
 * the examples).
 */
class BomTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void everyPublishedModuleIsInTheBomAtTheProjectsVersion() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    String version = child(parent.getDocumentElement(), "version");
    TreeSet<String> published = new TreeSet<>();
    for (String module : texts(child(parent.getDocumentElement(), "modules", true), "module")) {
      Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
      Element project = pom.getDocumentElement();
      String artifact = child(project, "artifactId");
      Element properties = childElement(project, "properties");
      boolean skipped = properties != null
          && "true".equals(textOf(childElement(properties, "maven.deploy.skip")));
      if (!skipped && !artifact.equals("vigil-bom")) {
        published.add(artifact);
      }
    }
    assertFalse(published.isEmpty(), "no published modules found in ../pom.xml");

    Document bom = read(ROOT.resolve("bom/pom.xml"));
    Element bomProject = bom.getDocumentElement();
    assertEquals(version, child(bomProject, "version"), "the BOM's version must be the project's");
    assertEquals(null, childElement(bomProject, "parent"),
        "the BOM must have no parent: an imported BOM would bring the parent's third-party versions");
    Map<String, String> listed = new TreeMap<>();
    Element management = childElement(bomProject, "dependencyManagement");
    Element dependencies = childElement(management, "dependencies");
    for (Node n = dependencies.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals("dependency")) {
        assertEquals("dev.vigil", child(e, "groupId"), "a BOM entry outside dev.vigil");
        listed.put(child(e, "artifactId"), child(e, "version"));
      }
    }
    assertEquals(published, new TreeSet<>(listed.keySet()),
        "the BOM must list exactly the published modules");
    listed.forEach((artifact, v) -> assertEquals("${project.version}", v,
        "the BOM's entry for " + artifact + " must be at ${project.version}"));
  }

  /**
   * What Maven Central asks of every published POM: a name and a description of its own; a URL,
   * licenses, developers and SCM (inherited from the parent, which must hold them; the BOM, which has
   * no parent, holds its own).
   */
  @Test
  void publishedPomsCarryTheMetadataARepositoryManagerRequires() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml")).getDocumentElement();
    for (String tag : List.of("url", "licenses", "developers", "scm")) {
      assertFalse(child(parent, tag, true).getTextContent().isBlank(), "the parent's <" + tag + ">");
    }
    Element bom = read(ROOT.resolve("bom/pom.xml")).getDocumentElement();
    for (String tag : List.of("name", "description", "url", "licenses", "developers", "scm")) {
      assertFalse(child(bom, tag, true).getTextContent().isBlank(), "the BOM's <" + tag + ">");
    }
    for (String module : texts(child(parent, "modules", true), "module")) {
      Element project = read(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      Element properties = childElement(project, "properties");
      boolean skipped = properties != null
          && "true".equals(textOf(childElement(properties, "maven.deploy.skip")));
      if (!skipped) {
        for (String tag : List.of("name", "description")) {
          assertFalse(child(project, tag).isBlank(), module + "'s <" + tag + ">");
        }
      }
    }
  }

  private static Document read(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(Files.newInputStream(pom));
  }

  private static String child(Element parent, String tag) {
    Element e = childElement(parent, tag);
    if (e == null) {
      throw new AssertionError("<" + parent.getTagName() + "> has no <" + tag + ">");
    }
    return textOf(e);
  }

  private static Element child(Element parent, String tag, boolean required) {
    Element e = childElement(parent, tag);
    if (e == null && required) {
      throw new AssertionError("<" + parent.getTagName() + "> has no <" + tag + ">");
    }
    return e;
  }

  private static Element childElement(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static List<String> texts(Element parent, String tag) {
    List<String> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        out.add(textOf(e));
      }
    }
    return out;
  }

  private static String textOf(Element e) {
    return e == null ? null : e.getTextContent().strip();
  }
}
