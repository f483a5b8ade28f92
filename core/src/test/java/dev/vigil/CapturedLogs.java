package dev.vigil;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider for core's tests that prints nothing and keeps every formatted log line (with its
 * exception's message and cause chain), so that tests can check what Vigil logs.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
  private static final List<String> LINES = new ArrayList<>();

  /** Everything logged so far, one string per call. */
  public static synchronized List<String> lines() {
    return List.copyOf(LINES);
  }

  /** Forgets what was logged. */
  public static synchronized void clear() {
    LINES.clear();
  }

  private static synchronized void add(String line) {
    if (LINES.size() < 10_000) {
      LINES.add(line);
    }
  }

  private final ILoggerFactory factory = CapturingLogger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class CapturingLogger extends LegacyAbstractLogger implements Logger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
        Object[] args, Throwable t) {
      StringBuilder sb = new StringBuilder(level.toString()).append(' ')
          .append(MessageFormatter.basicArrayFormat(pattern, args));
      for (Throwable c = t; c != null; c = c.getCause()) {
        sb.append(" | ").append(c);
      }
      add(sb.toString());
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
