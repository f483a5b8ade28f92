package dev.vigil.policy;

import dev.vigil.Classifier;
import dev.vigil.contact.Contacts;
import dev.vigil.links.DomainList;
import dev.vigil.links.Links;
import dev.vigil.spi.Arguments;
import dev.vigil.spi.NamedTermList;
import dev.vigil.spi.Parameter;
import dev.vigil.spi.Parameter.Type;
import dev.vigil.spi.SignalKind;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.Term;
import dev.vigil.text.TermLists;
import dev.vigil.text.TextFeatures;
import dev.vigil.text.TextFeatures.TextFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of {@code vigil-core}'s classifiers: {@code regex}, {@code terms}, the {@code links.*},
 * {@code contacts.*} and {@code text.*} signals. Each builds exactly the classifier the fluent API
 * builds from the same values, so a policy file and its Java twin decide alike.
 */
final class CoreKinds {
  private CoreKinds() {}

  static List<SignalKind> all() {
    List<SignalKind> kinds = new ArrayList<>();
    kinds.add(new Simple("regex", "A regular expression (RE2 syntax: linear time, no backreferences or"
        + " lookaround) matched against every field; score 'score' on any match. Evidence is every match.",
        List.of(
            Parameter.of("pattern", Type.STRING, "the pattern, in RE2 syntax; (?i) at its start ignores"
                + " case").required(),
            Parameter.of("case-insensitive", Type.BOOLEAN, "match without regard to case")
                .defaultValue(false),
            Parameter.of("score", Type.NUMBER, "the score of a match").greaterThan(0).atMost(1)
                .defaultValue(1.0),
            Parameter.of("max-program-size", Type.INTEGER, "the largest compiled pattern accepted, in"
                + " RE2/J instructions").atLeast(1).defaultValue(RegexClassifier.DEFAULT_MAX_PROGRAM_SIZE),
            Parameter.of("evidence-category", Type.STRING, "the category its evidence names; the"
                + " signal's category unless set"),
            Parameter.choice("normalize", "the normalizer the pattern reads the text through, as a"
                + " term list's preset (write the pattern against the normalized form: lower case"
                + " under standard and aggressive)", "none", "standard", "aggressive")
                .defaultValue("none"),
            Parameter.of("categories-from-groups", Type.BOOLEAN, "a match's evidence names the first"
                + " named group that took part in it, (?P<threat>...), as its category")
                .defaultValue(false)),
        CoreKinds::regex));
    kinds.add(new TermsKind());
    Parameter allow = Parameter.of("allow", Type.DOMAINS, "domains the signal never reports (suffix"
        + " semantics: example.com covers login.example.com)");
    kinds.add(link("links.count", "How many links the content holds, as a ramp: score 0 at 'between'[0]"
        + " links or fewer, 1 at 'between'[1] or more.", List.of(Parameter.of("between", Type.RANGE,
            "the ramp's low and high number of links").atLeast(0).defaultValue(new double[] {0, 3}),
            allow), a -> {
              Links.LinkSignal s = Links.count();
              if (a.has("between")) {
                double[] r = a.range("between");
                s = s.between(r[0], r[1]);
              }
              return s;
            }));
    kinds.add(link("links.blocked", "Links whose host is on a domain list, or under a domain on it: score"
        + " 1.", List.of(Parameter.of("domains", Type.DOMAINS, "the blocked domains").required(), allow),
        a -> Links.blocked(a.domains("domains"))));
    kinds.add(link("links.shorteners", "Links on a URL shortener: score 1.", List.of(
        Parameter.of("domains", Type.DOMAINS, "the shorteners; Vigil's list of "
            + Links.shortenerDomains().size() + " unless set"), allow),
        a -> a.has("domains") ? Links.shorteners(a.domains("domains")) : Links.shorteners()));
    kinds.add(link("links.ip-hosts", "Links to an IP address instead of a domain: score 1.",
        List.of(allow), a -> Links.ipHosts()));
    kinds.add(link("links.obfuscated", "Defanged links written to dodge detection (hxxp://,"
        + " example[.]com, example dot com): score 1.", List.of(allow), a -> Links.obfuscated()));
    kinds.add(link("links.lookalikes", "Domains that fold to a protected brand's but are not it"
        + " (pаypal.com, paypa1.com): score 1; the brand's name in front of another domain"
        + " (paypal.com.evil.net): 0.8.", List.of(Parameter.of("brands", Type.DOMAINS,
            "the protected brands' domains").required(), allow),
        a -> Links.lookalikes(a.domains("brands"))));
    kinds.add(contact("contacts.phone-numbers", "Phone numbers, also spaced out or with letters for"
        + " digits: score 1, or 0.7 for 7 to 9 digits.", Contacts::phoneNumbers));
    kinds.add(contact("contacts.email-addresses", "E-mail addresses, also obfuscated (name [at] example"
        + " [dot] com): score 1.", Contacts::emailAddresses));
    kinds.add(contact("contacts.crypto-addresses", "Cryptocurrency addresses that pass their checksums"
        + " (Bitcoin, Litecoin, Dogecoin, Tron, SegWit, Ethereum): score 1, 0.7 for an Ethereum address"
        + " in one case.", Contacts::cryptoAddresses));
    kinds.add(contact("contacts.payment-handles", "Cash App cashtags and handles after Venmo, Zelle,"
        + " PayPal or Revolut: score 1 (0.5 for a cashtag that may be a stock ticker).",
        Contacts::paymentHandles));
    kinds.add(text("text.shouting", "The share of upper-case letters among cased letters.", 0.5, 0.9, 12,
        TextFeatures::shouting));
    kinds.add(text("text.repeated-characters", "The longest run of one repeated character"
        + " (whitespace excluded).", 4, 10, 0, TextFeatures::repeatedCharacters));
    kinds.add(text("text.emoji-density", "The share of emoji among code points that are not"
        + " whitespace.", 0.2, 0.6, 5, TextFeatures::emojiDensity));
    kinds.add(text("text.mixed-scripts", "Words mixing Latin with Cyrillic, Greek, Armenian or Cherokee"
        + " letters (a homoglyph attack).", 0, 1, 0, TextFeatures::mixedScripts));
    kinds.add(text("text.invisibles", "Invisible characters (zero-width, soft hyphen, bidi controls)"
        + " between letters.", 0, 3, 0, TextFeatures::invisibles));
    kinds.add(text("text.digit-share", "The share of digits among letters and digits.", 0.3, 0.8, 8,
        TextFeatures::digitShare));
    return kinds;
  }

  private static @Nullable Classifier regex(Arguments a) {
    String category = a.has("evidence-category") ? a.string("evidence-category")
        : a.category() != null ? a.category() : "default";
    RegexClassifier.Builder b = RegexClassifier.builder(a.signal(), a.string("pattern")).category(category)
        .score(a.number("score")).maxProgramSize(a.integer("max-program-size"));
    if (a.flag("case-insensitive")) {
      b.caseInsensitive();
    }
    b.normalizer(Normalizer.preset(a.string("normalize")));
    if (a.flag("categories-from-groups")) {
      b.categoriesFromGroups();
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      a.report("pattern", e.getMessage());
      return null;
    }
  }

  private static SignalKind link(String name, String description, List<Parameter> parameters,
      Function<Arguments, Links.LinkSignal> factory) {
    return new Simple(name, description, parameters, a -> {
      Links.LinkSignal s = factory.apply(a);
      return a.has("allow") ? s.allowing(a.domains("allow")) : s;
    });
  }

  private static SignalKind contact(String name, String description, Supplier<Classifier> factory) {
    return new Simple(name, description, List.of(), a -> factory.get());
  }

  private static SignalKind text(String name, String description, double low, double high, int minimum,
      Supplier<TextFeature> factory) {
    return new Simple(name, description + " Scored by a ramp: 0 at 'between'[0] or below, 1 at"
        + " 'between'[1] or above; fields shorter than 'minimum' are not scored.", List.of(
            Parameter.of("between", Type.RANGE, "the ramp's low and high").atLeast(0)
                .defaultValue(new double[] {low, high}),
            Parameter.of("minimum", Type.INTEGER, "the shortest field scored").atLeast(0)
                .defaultValue(minimum)),
        a -> {
          TextFeature f = factory.get();
          if (a.has("between")) {
            double[] r = a.range("between");
            f = f.between(r[0], r[1]);
          }
          return a.has("minimum") ? f.minimum(a.integer("minimum")) : f;
        });
  }

  /** A kind whose classifier comes from one function of its arguments (null after a report). */
  record Simple(String name, String description, List<Parameter> parameters,
      Function<Arguments, @Nullable Classifier> factory) implements SignalKind {
    @Override
    public Classifier create(Arguments arguments) {
      Classifier c = factory.apply(arguments);
      if (c == null) {
        throw new IllegalArgumentException("signal '" + arguments.signal() + "' could not be built");
      }
      return c;
    }

    @Override
    public List<@Nullable Classifier> createAll(List<Arguments> all) {
      List<@Nullable Classifier> out = new ArrayList<>(all.size());
      for (Arguments a : all) {
        Classifier c = null;
        try {
          c = factory.apply(a);
        } catch (IllegalArgumentException e) {
          a.report(null, String.valueOf(e.getMessage()));
        }
        out.add(c);
      }
      return out;
    }
  }

  /**
   * Term lists, matched with their preset's normalizer; the score is the noisy-or of the distinct terms
   * hit. Every {@code terms} signal of a policy with the same preset and allow-lists is compiled into one
   * {@link TermLists} group, so the content is scanned once for all of them; each signal still gets
   * exactly what a {@code TermClassifier} of its own would give.
   */
  static final class TermsKind implements SignalKind {
    @Override
    public String name() {
      return "terms";
    }

    @Override
    public String description() {
      return "Words and phrases from term lists, matched through evasion (the lists' preset), whole"
          + " words by default; score: the noisy-or of the weights of the distinct terms hit.";
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(
          Parameter.of("lists", Type.TERM_LISTS, "the term lists, all with the same preset").required(),
          Parameter.of("allow", Type.ALLOW_LISTS, "allow-lists: a block hit inside an allow hit is"
              + " suppressed (Scunthorpe)"),
          Parameter.of("term-categories", Type.STRINGS, "only the lists' terms in these categories"));
    }

    @Override
    public Classifier create(Arguments arguments) {
      Classifier c = createAll(List.of(arguments)).get(0);
      if (c == null) {
        throw new IllegalArgumentException("signal '" + arguments.signal() + "' could not be built");
      }
      return c;
    }

    @Override
    public List<@Nullable Classifier> createAll(List<Arguments> all) {
      // Group the signals by normalizer and allow entries: each group is one TermLists, one scan.
      Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
      List<List<Term>> terms = new ArrayList<>();
      List<Normalizer> normalizers = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Arguments a = all.get(i);
        List<NamedTermList> lists = a.termLists("lists");
        Normalizer n = lists.get(0).normalizer();
        boolean ok = true;
        for (NamedTermList l : lists) {
          if (!l.normalizer().equals(n)) {
            a.report("lists", "its lists have different presets (" + lists.get(0).name() + ": " + n
                + ", " + l.name() + ": " + l.normalizer() + "); one signal matches with one preset");
            ok = false;
            break;
          }
        }
        Set<String> only = new LinkedHashSet<>(a.strings("term-categories"));
        List<Term> mine = new ArrayList<>();
        Set<String> seenCategories = new LinkedHashSet<>();
        for (NamedTermList l : lists) {
          for (Term t : l.terms().terms()) {
            seenCategories.add(t.category());
            if (only.isEmpty() || only.contains(t.category())) {
              mine.add(t);
            }
          }
        }
        if (ok && mine.isEmpty()) {
          a.report(only.isEmpty() ? "lists" : "term-categories", only.isEmpty() ? "its lists have no terms"
              : "no term of its lists is in " + only + "; their categories are " + seenCategories);
          ok = false;
        }
        terms.add(mine);
        normalizers.add(n);
        if (ok) {
          List<Object> key = List.of(n, allowKey(a.allowEntries("allow")));
          groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
      }
      List<@Nullable Classifier> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        out.add(null);
      }
      for (List<Integer> group : groups.values()) {
        Arguments first = all.get(group.get(0));
        TermLists.Builder b = TermLists.builder().normalizer(normalizers.get(group.get(0)));
        for (Term allow : first.allowEntries("allow")) {
          b.allow(allow.text(), allow.mode());
        }
        for (int i : group) {
          b.list(all.get(i).signal(), terms.get(i));
        }
        TermLists lists;
        try {
          lists = b.build();
        } catch (IllegalArgumentException e) {
          // A term or allow entry that normalizes to nothing: say so on every signal of the group.
          for (int i : group) {
            all.get(i).report("lists", Objects.toString(e.getMessage()));
          }
          continue;
        }
        for (int i : group) {
          out.set(i, lists.classifier(all.get(i).signal()));
        }
      }
      return out;
    }

    private static List<String> allowKey(List<Term> allow) {
      List<String> key = new ArrayList<>();
      for (Term t : allow) {
        key.add(t.mode() + "\u0000" + t.text());
      }
      return key;
    }
  }
}
