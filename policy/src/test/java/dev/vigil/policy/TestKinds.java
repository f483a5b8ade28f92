package dev.vigil.policy;

import dev.vigil.Classifier;
import dev.vigil.Signal;
import dev.vigil.spi.Arguments;
import dev.vigil.spi.Parameter;
import dev.vigil.spi.SignalKind;
import java.util.List;

/** Kinds registered on the test class path, to test discovery. */
final class TestKinds {
  private TestKinds() {}

  /**
   * {@code kind: test.echo}: the score given (default 1), on every content. Registered in
   * META-INF/services; other tests give it to a loader under other names.
   */
  public static final class Echo implements SignalKind {
    private final String name;

    /** For ServiceLoader. */
    public Echo() {
      this("test.echo");
    }

    Echo(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "the score given";
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(Parameter.of("score", Parameter.Type.NUMBER, "the score").atLeast(0).atMost(1)
          .defaultValue(1.0));
    }

    @Override
    public Classifier create(Arguments a) {
      double score = a.number("score");
      return Classifier.of(a.signal(), c -> Signal.of(score));
    }
  }
}
