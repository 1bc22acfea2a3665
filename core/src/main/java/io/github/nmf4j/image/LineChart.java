package io.github.nmf4j.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A small line chart drawn with Java2D: labelled axes with ticks, a title, one or more series
 * (with a legend when there are several), and an optional logarithmic y axis. Used for loss
 * curves and rank sweeps.
 *
 * <pre>{@code
 * BufferedImage png = new LineChart("NMF loss", "iteration", "relative error")
 *     .logY(true).series("frobenius", x, y).draw(720, 450);
 * }</pre>
 *
 * <p>A series may carry error bars ({@link #series(String, double[], double[], double[])}), as
 * the held-out errors of a rank selection do. If the JDK has no usable font (a minimal headless
 * installation), the chart is drawn without text rather than failing.
 */
public final class LineChart {

  private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

  /** A series; {@code errors} is null, or the half-length of an error bar at every point. */
  private record Series(String name, double[] x, double[] y, double[] errors) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private boolean logY;

  /**
   * A chart with a title and axis labels.
   *
   * @throws IllegalArgumentException if a text is null
   */
  public LineChart(String title, String xLabel, String yLabel) {
    if (title == null || xLabel == null || yLabel == null) {
      throw new IllegalArgumentException("title and labels must not be null");
    }
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Whether the y axis is logarithmic (base 10); then y values must be positive. */
  public LineChart logY(boolean log) {
    this.logY = log;
    return this;
  }

  /**
   * Adds a series of points {@code (x[i], y[i])} joined by lines.
   *
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a value
   *     is not finite, or the y axis is logarithmic and a y value is not positive
   */
  public LineChart series(String name, double[] x, double[] y) {
    return add(name, x, y, null);
  }

  /**
   * Adds a series of points {@code (x[i], y[i])} joined by lines, each with a vertical error bar
   * from {@code y[i] - errors[i]} to {@code y[i] + errors[i]} (on a logarithmic axis, a bar
   * that would reach 0 or below is drawn down to the point only).
   *
   * @throws IllegalArgumentException as {@link #series(String, double[], double[])}, or if
   *     {@code errors} is null, of another length, or holds a negative or non-finite value
   */
  public LineChart series(String name, double[] x, double[] y, double[] errors) {
    if (errors == null || y == null || errors.length != y.length) {
      throw new IllegalArgumentException("errors must be an array of the length of y");
    }
    for (int i = 0; i < errors.length; i++) {
      if (!(errors[i] >= 0 && errors[i] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("error bar " + i + " must be finite and >= 0, was "
            + errors[i]);
      }
    }
    return add(name, x, y, errors.clone());
  }

  private LineChart add(String name, double[] x, double[] y, double[] errors) {
    if (x == null || y == null || x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("x and y must be non-empty arrays of the same length");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException(
            "point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
      }
    }
    series.add(new Series(name == null ? "" : name, x.clone(), y.clone(), errors));
    return this;
  }

  /** The lower and upper end of point i's error bar on the plotted scale; the point without one. */
  private double[] bar(Series s, int i) {
    double e = s.errors() == null ? 0 : s.errors()[i];
    double y = s.y()[i];
    if (!logY) {
      return new double[] {y - e, y + e};
    }
    return new double[] {Math.log10(y - e > 0 ? y - e : y), Math.log10(y + e)};
  }

  /**
   * Draws the chart.
   *
   * @throws IllegalArgumentException if there is no series, the width is below 200 or the height
   *     below 150, or the y axis is logarithmic and a y value is not positive
   */
  public BufferedImage draw(int width, int height) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one series");
    }
    if (width < 200 || height < 150) {
      throw new IllegalArgumentException(
          "width must be at least 200 and height at least 150, were " + width + " and "
          + height);
    }
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (logY && !(s.y()[i] > 0)) {
          throw new IllegalArgumentException("a logarithmic axis needs y > 0, point " + i
              + " of '" + s.name() + "' is " + s.y()[i]);
        }
        x0 = Math.min(x0, s.x()[i]);
        x1 = Math.max(x1, s.x()[i]);
        double[] bar = bar(s, i);
        y0 = Math.min(y0, bar[0]);
        y1 = Math.max(y1, bar[1]);
      }
    }
    Ticks xt = Ticks.linear(x0, x1);
    Ticks yt = logY ? Ticks.logarithmic(y0, y1) : Ticks.linear(y0, y1);

    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int left = 90;
      int right = width - 25;
      int top = 45;
      int bottom = height - 60;
      Plot plot = new Plot(left, right, top, bottom, xt.lo(), xt.hi(), yt.lo(), yt.hi());

      g.setColor(new Color(0xe6e6e6));
      g.setStroke(new BasicStroke(1f));
      for (double t : xt.values()) {
        g.drawLine(plot.px(t), top, plot.px(t), bottom);
      }
      for (double t : yt.values()) {
        g.drawLine(left, plot.py(t), right, plot.py(t));
      }
      g.setColor(Color.BLACK);
      g.drawRect(left, top, right - left, bottom - top);

      for (int s = 0; s < series.size(); s++) {
        Series se = series.get(s);
        g.setColor(COLOURS[s % COLOURS.length]);
        g.setStroke(new BasicStroke(2f));
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < se.x().length; i++) {
          double y = logY ? Math.log10(se.y()[i]) : se.y()[i];
          if (i == 0) {
            path.moveTo(plot.fx(se.x()[i]), plot.fy(y));
          } else {
            path.lineTo(plot.fx(se.x()[i]), plot.fy(y));
          }
        }
        g.draw(path);
        if (se.errors() != null) {
          g.setStroke(new BasicStroke(1.5f));
          for (int i = 0; i < se.x().length; i++) {
            double[] bar = bar(se, i);
            int px = plot.px(se.x()[i]);
            g.drawLine(px, plot.py(bar[0]), px, plot.py(bar[1]));
            g.drawLine(px - 4, plot.py(bar[0]), px + 4, plot.py(bar[0]));
            g.drawLine(px - 4, plot.py(bar[1]), px + 4, plot.py(bar[1]));
          }
        }
        if (se.x().length <= 40) {
          for (int i = 0; i < se.x().length; i++) {
            double y = logY ? Math.log10(se.y()[i]) : se.y()[i];
            g.fillOval(plot.px(se.x()[i]) - 3, plot.py(y) - 3, 7, 7);
          }
        }
      }
      try {
        drawText(g, plot, xt, yt, width, height);
      } catch (RuntimeException | Error e) {
        // No usable font in this JDK: keep the chart without text.
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private void drawText(Graphics2D g, Plot plot, Ticks xt, Ticks yt, int width, int height) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    for (double t : xt.values()) {
      String s = xt.label(t);
      g.drawLine(plot.px(t), plot.bottom, plot.px(t), plot.bottom + 5);
      g.drawString(s, plot.px(t) - fm.stringWidth(s) / 2, plot.bottom + 8 + fm.getAscent());
    }
    for (double t : yt.values()) {
      String s = yt.label(t);
      g.drawLine(plot.left - 5, plot.py(t), plot.left, plot.py(t));
      g.drawString(s, plot.left - 8 - fm.stringWidth(s), plot.py(t) + fm.getAscent() / 2 - 1);
    }
    g.drawString(xLabel, (plot.left + plot.right - fm.stringWidth(xLabel)) / 2, height - 18);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    g.drawString(yLabel, -(plot.top + plot.bottom + fm.stringWidth(yLabel)) / 2, 22);
    g.setTransform(saved);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    FontMetrics tm = g.getFontMetrics();
    g.drawString(title, (width - tm.stringWidth(title)) / 2, 28);
    if (series.size() > 1) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      int y = plot.top + 20;
      int widest = 0;
      for (Series s : series) {
        widest = Math.max(widest, fm.stringWidth(s.name()));
      }
      int x = plot.right - widest - 45;
      g.setColor(new Color(255, 255, 255, 220));
      g.fillRect(x - 8, plot.top + 6, widest + 50, 20 * series.size() + 6);
      for (int i = 0; i < series.size(); i++) {
        g.setColor(COLOURS[i % COLOURS.length]);
        g.fillRect(x, y - 6, 22, 4);
        g.setColor(Color.BLACK);
        g.drawString(series.get(i).name(), x + 30, y);
        y += 20;
      }
    }
  }

  /** Maps data coordinates to pixels. */
  private record Plot(int left, int right, int top, int bottom, double x0, double x1, double y0,
      double y1) {
    double fx(double x) {
      return left + (x - x0) / (x1 - x0) * (right - left);
    }

    double fy(double y) {
      return bottom - (y - y0) / (y1 - y0) * (bottom - top);
    }

    int px(double x) {
      return (int) Math.round(fx(x));
    }

    int py(double y) {
      return (int) Math.round(fy(y));
    }
  }
}
