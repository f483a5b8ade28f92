package dev.vigil.learn;

/**
 * Regularized logistic regression with non-negative coefficients, fitted by accelerated proximal
 * gradient (FISTA with backtracking and restarts): minimizes
 *
 * <pre>
 *   (1/n) sum_i log(1 + exp(-y_i (b + x_i . w)))  +  (l2 / 2) |w|^2  +  sum_j l1_j w_j,   w >= 0
 * </pre>
 *
 * <p>over the intercept {@code b} (free, not penalized) and {@code w}. The problem is convex, so the
 * result depends only on the data and the options, not on a starting point or an order of visits:
 * the same data give the same coefficients, bit for bit, on every machine (one thread, fixed order of
 * summation). Rows are sparse, so that thousands of candidate terms cost what their hits cost.
 *
 * <p>Why non-negative: a weight in a Vigil policy adds evidence of harm and never subtracts it, so an
 * attacker cannot lower a total by adding text that looks harmless (see {@link PolicyLearner}).
 */
final class Logistic {
  private Logistic() {}

  /** Sparse rows: row {@code i}'s entries are {@code [start[i], start[i + 1])} of col and val. */
  record Rows(int n, int d, int[] start, int[] col, double[] val) {
    double dot(int i, double[] w) {
      double s = 0;
      for (int k = start[i]; k < start[i + 1]; k++) {
        s += w[col[k]] * val[k];
      }
      return s;
    }
  }

  /** The fitted model: intercept and coefficients, and what the fit cost. */
  record Fit(double intercept, double[] weights, int iterations, double objective) {}

  private static final int MAX_ITERATIONS = 3000;
  private static final double TOLERANCE = 1e-9;

  /**
   * Fits the model.
   *
   * @param rows the features, one row per item
   * @param harmful the labels
   * @param l2 the ridge penalty on every coefficient
   * @param l1 the lasso penalty of each coefficient (sparsity: used for candidate terms)
   */
  static Fit fit(Rows rows, boolean[] harmful, double l2, double[] l1) {
    double[] ridge = new double[rows.d()];
    java.util.Arrays.fill(ridge, l2);
    return fit(rows, harmful, ridge, l1);
  }

  /** {@link #fit(Rows, boolean[], double, double[])} with a ridge penalty of each coefficient. */
  static Fit fit(Rows rows, boolean[] harmful, double[] l2, double[] l1) {
    int n = rows.n();
    int d = rows.d();
    double[] y = new double[n];
    double[] x = new double[d + 1]; // [0] intercept, [1..d] weights
    x[0] = labels(harmful, y);
    double[] xPrev = x.clone();
    double[] z = x.clone(); // the extrapolated point
    double[] grad = new double[d + 1];
    double[] next = new double[d + 1];
    double[] margin = new double[n];
    double step = 1.0;
    double t = 1.0;
    double fx = objective(rows, y, x, l2, l1, margin);
    boolean restarted = false;
    int it = 0;
    for (; it < MAX_ITERATIONS; it++) {
      double fz = smooth(rows, y, z, l2, margin, grad);
      // Backtracking: shrink the step until the quadratic model bounds the smooth part.
      while (true) {
        proximal(z, grad, step, l1, next);
        double fNext = smoothOnly(rows, y, next, l2, margin);
        double bound = fz;
        for (int j = 0; j <= d; j++) {
          double diff = next[j] - z[j];
          bound += grad[j] * diff + diff * diff / (2 * step);
        }
        if (fNext <= bound + 1e-15 * Math.abs(bound) || step < 1e-12) {
          break;
        }
        step *= 0.5; // also when the trial overflowed (NaN fails the test above)
      }
      double fNext = objective(rows, y, next, l2, l1, margin);
      if (!(fNext <= fx)) {
        if (restarted || step < 1e-12) {
          break; // no step from x itself decreases the objective: at the optimum, to rounding
        }
        // Restart the momentum: it overshot.
        t = 1.0;
        restarted = true;
        System.arraycopy(x, 0, z, 0, d + 1);
        continue;
      }
      restarted = false;
      double change = 0;
      double size = 0;
      for (int j = 0; j <= d; j++) {
        change = Math.max(change, Math.abs(next[j] - x[j]));
        size = Math.max(size, Math.abs(next[j]));
      }
      double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      double momentum = (t - 1) / tNext;
      System.arraycopy(x, 0, xPrev, 0, d + 1);
      System.arraycopy(next, 0, x, 0, d + 1);
      for (int j = 0; j <= d; j++) {
        z[j] = x[j] + momentum * (x[j] - xPrev[j]);
        if (j > 0 && z[j] < 0) {
          z[j] = 0;
        }
      }
      t = tNext;
      boolean converged = change <= TOLERANCE * (1 + size) && fx - fNext <= TOLERANCE * (1 + fx);
      fx = fNext;
      step = Math.min(step * 1.5, 1e6); // let the step grow again where the curvature is lower
      if (converged) {
        break;
      }
    }
    double[] w = new double[d];
    System.arraycopy(x, 1, w, 0, d);
    return new Fit(x[0], w, it, fx);
  }

  /**
   * Writes the labels as +1 and -1 into {@code y} and returns the base rate's log-odds (lightly
   * smoothed): the best model without features, where both fits start.
   */
  private static double labels(boolean[] harmful, double[] y) {
    int positives = 0;
    for (int i = 0; i < harmful.length; i++) {
      y[i] = harmful[i] ? 1 : -1;
      positives += harmful[i] ? 1 : 0;
    }
    double p0 = Math.min(Math.max((positives + 0.5) / (harmful.length + 1.0), 1e-6), 1 - 1e-6);
    return Math.log(p0 / (1 - p0));
  }

  /** The proximal step: a gradient step, then the lasso's shrinkage and the bound at zero. */
  private static void proximal(double[] z, double[] grad, double step, double[] l1, double[] out) {
    out[0] = z[0] - step * grad[0];
    for (int j = 1; j < z.length; j++) {
      double v = z[j] - step * grad[j] - step * l1[j - 1];
      out[j] = v > 0 ? v : 0;
    }
  }

  private static double objective(Logistic.Rows rows, double[] y, double[] x, double[] l2, double[] l1,
      double[] margin) {
    double f = smoothOnly(rows, y, x, l2, margin);
    for (int j = 1; j < x.length; j++) {
      f += l1[j - 1] * x[j];
    }
    return f;
  }

  private static double smoothOnly(Rows rows, double[] y, double[] x, double[] l2, double[] margin) {
    int n = rows.n();
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double m = y[i] * (x[0] + dotShifted(rows, i, x));
      margin[i] = m;
      loss += softplus(-m);
    }
    double reg = 0;
    for (int j = 1; j < x.length; j++) {
      reg += l2[j - 1] * x[j] * x[j];
    }
    return loss / n + reg / 2;
  }

  /** The smooth part's value at {@code x} and its gradient into {@code grad}. */
  private static double smooth(Rows rows, double[] y, double[] x, double[] l2, double[] margin,
      double[] grad) {
    double f = smoothOnly(rows, y, x, l2, margin);
    int n = rows.n();
    java.util.Arrays.fill(grad, 0);
    for (int i = 0; i < n; i++) {
      // d/dm log(1 + e^-m) = -1 / (1 + e^m)
      double g = -y[i] * sigmoid(-margin[i]) / n;
      grad[0] += g;
      for (int k = rows.start()[i]; k < rows.start()[i + 1]; k++) {
        grad[rows.col()[k] + 1] += g * rows.val()[k];
      }
    }
    for (int j = 1; j < x.length; j++) {
      grad[j] += l2[j - 1] * x[j];
    }
    return f;
  }

  private static double dotShifted(Rows rows, int i, double[] x) {
    double s = 0;
    for (int k = rows.start()[i]; k < rows.start()[i + 1]; k++) {
      s += x[rows.col()[k] + 1] * rows.val()[k];
    }
    return s;
  }

  /**
   * The same problem without lasso, for a few dense features (a policy's signals): Newton's method on
   * the free coordinates, with the bound at zero kept by an active set (a coordinate that goes negative
   * is held at zero; one held at zero whose gradient says it should grow is freed again). Converges in
   * a few dozen steps where the first-order method takes hundreds.
   */
  static Fit fitDense(double[][] x, boolean[] harmful, double[] l2) {
    int n = x.length;
    int d = l2.length;
    double[] y = new double[n];
    double[] theta = new double[d + 1];
    theta[0] = labels(harmful, y);
    boolean[] free = new boolean[d + 1];
    java.util.Arrays.fill(free, true);
    int steps = 0;
    for (int round = 0; round <= 2 * d + 2; round++) {
      steps += newton(x, y, l2, theta, free);
      // Coordinates that went below zero are held there; then free any held one that should grow.
      boolean changed = false;
      for (int j = 1; j <= d; j++) {
        if (free[j] && theta[j] < 0) {
          theta[j] = 0;
          free[j] = false;
          changed = true;
        }
      }
      if (changed) {
        continue;
      }
      double[] g = gradient(x, y, l2, theta);
      int grow = -1;
      for (int j = 1; j <= d; j++) {
        if (!free[j] && g[j] < -1e-9 && (grow < 0 || g[j] < g[grow])) {
          grow = j;
        }
      }
      if (grow < 0) {
        break;
      }
      free[grow] = true;
    }
    double loss = denseObjective(x, y, l2, theta);
    return new Fit(theta[0], java.util.Arrays.copyOfRange(theta, 1, d + 1), steps, loss);
  }

  /** Newton steps on the free coordinates, with a backtracking line search; returns the steps taken. */
  private static int newton(double[][] x, double[] y, double[] l2, double[] theta, boolean[] free) {
    int n = x.length;
    int d = l2.length;
    int[] idx = new int[d + 1];
    int k = 0;
    for (int j = 0; j <= d; j++) {
      if (free[j]) {
        idx[k++] = j;
      }
    }
    double f = denseObjective(x, y, l2, theta);
    for (int it = 0; it < 100; it++) {
      double[] g = new double[k];
      double[][] h = new double[k][k];
      for (int i = 0; i < n; i++) {
        double m = y[i] * dot(x[i], theta);
        double p = sigmoid(-m); // d loss / d m = -p
        double w = p * (1 - p) / n;
        for (int a = 0; a < k; a++) {
          double xa = idx[a] == 0 ? 1 : x[i][idx[a] - 1];
          g[a] += -y[i] * p * xa / n;
          for (int b = 0; b <= a; b++) {
            double xb = idx[b] == 0 ? 1 : x[i][idx[b] - 1];
            h[a][b] += w * xa * xb;
          }
        }
      }
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < a; b++) {
          h[b][a] = h[a][b];
        }
        if (idx[a] > 0) {
          g[a] += l2[idx[a] - 1] * theta[idx[a]];
          h[a][a] += l2[idx[a] - 1];
        }
        h[a][a] += 1e-12;
      }
      double[] step = solve(h, g);
      if (step == null) {
        return it;
      }
      double size = 0;
      for (double v : step) {
        size = Math.max(size, Math.abs(v));
      }
      double t = 1;
      double[] trial = theta.clone();
      while (true) {
        for (int a = 0; a < k; a++) {
          trial[idx[a]] = theta[idx[a]] - t * step[a];
        }
        double ft = denseObjective(x, y, l2, trial);
        if (ft <= f || t < 1e-10) {
          if (ft <= f) {
            System.arraycopy(trial, 0, theta, 0, theta.length);
            f = ft;
          }
          break;
        }
        t *= 0.5;
      }
      if (size * t < 1e-10 || t < 1e-10) {
        return it + 1;
      }
    }
    return 100;
  }

  private static double[] gradient(double[][] x, double[] y, double[] l2, double[] theta) {
    int n = x.length;
    double[] g = new double[theta.length];
    for (int i = 0; i < n; i++) {
      double p = sigmoid(-y[i] * dot(x[i], theta));
      g[0] += -y[i] * p / n;
      for (int j = 1; j < theta.length; j++) {
        g[j] += -y[i] * p * x[i][j - 1] / n;
      }
    }
    for (int j = 1; j < theta.length; j++) {
      g[j] += l2[j - 1] * theta[j];
    }
    return g;
  }

  private static double denseObjective(double[][] x, double[] y, double[] l2, double[] theta) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      loss += softplus(-y[i] * dot(x[i], theta));
    }
    double reg = 0;
    for (int j = 1; j < theta.length; j++) {
      reg += l2[j - 1] * theta[j] * theta[j];
    }
    return loss / Math.max(x.length, 1) + reg / 2;
  }

  private static double dot(double[] xi, double[] theta) {
    double s = theta[0];
    for (int j = 0; j < xi.length; j++) {
      s += theta[j + 1] * xi[j];
    }
    return s;
  }

  /** Solves {@code a x = b} by Gaussian elimination with partial pivoting; null when singular. */
  private static double @org.jspecify.annotations.Nullable [] solve(double[][] a, double[] b) {
    int k = b.length;
    double[][] m = new double[k][];
    for (int i = 0; i < k; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], k + 1);
      m[i][k] = b[i];
    }
    for (int c = 0; c < k; c++) {
      int pivot = c;
      for (int r = c + 1; r < k; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      if (Math.abs(m[pivot][c]) < 1e-300) {
        return null;
      }
      double[] tmp = m[c];
      m[c] = m[pivot];
      m[pivot] = tmp;
      for (int r = c + 1; r < k; r++) {
        double f = m[r][c] / m[c][c];
        for (int q = c; q <= k; q++) {
          m[r][q] -= f * m[c][q];
        }
      }
    }
    double[] out = new double[k];
    for (int r = k - 1; r >= 0; r--) {
      double s = m[r][k];
      for (int q = r + 1; q < k; q++) {
        s -= m[r][q] * out[q];
      }
      out[r] = s / m[r][r];
    }
    return out;
  }

  static double softplus(double v) {
    return v > 30 ? v : v < -30 ? Math.exp(v) : Math.log1p(Math.exp(v));
  }

  static double sigmoid(double v) {
    return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
  }
}
