package io.github.nmf4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class SegmentationTest {

  /**
   * A 120 x 160 image: left half red, right half blue, a green square at rows 60..119, columns
   * 0..59, with a little noise.
   */
  private static RgbImage quadrants() {
    int h = 120;
    int w = 160;
    SplittableRandom r = new SplittableRandom(5);
    double[][] ch = new double[3][h * w];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        int c = i >= 60 && j < 60 ? 1 : j < 80 ? 0 : 2;
        for (int k = 0; k < 3; k++) {
          ch[k][i * w + j] = (k == c ? 0.8 : 0.1) + 0.05 * r.nextDouble();
        }
      }
    }
    return new RgbImage(Matrix.wrap(h, w, ch[0]), Matrix.wrap(h, w, ch[1]),
        Matrix.wrap(h, w, ch[2]));
  }

  @Test
  void windowPositionsCoverTheImage() {
    assertThat(Segmentation.positions(100, 100, 20)).containsExactly(0);
    assertThat(Segmentation.positions(120, 100, 20)).containsExactly(0, 20);
    assertThat(Segmentation.positions(130, 100, 20)).containsExactly(0, 20, 30);
    assertThat(Segmentation.positions(10, 4, 3)).containsExactly(0, 3, 6);
    assertThat(Segmentation.positions(11, 4, 3)).containsExactly(0, 3, 6, 7);
  }

  @Test
  void windowMeansAreClusteredAndPixelsTakeTheNearestWindowsLabel() {
    RgbImage image = quadrants();
    SegmentationResult s = Segmentation.builder().window(20).stride(20).clusters(3).seed(1)
        .segment(image);
    assertThat(s.windowTops()).containsExactly(0, 20, 40, 60, 80, 100);
    assertThat(s.windowLefts()).containsExactly(0, 20, 40, 60, 80, 100, 120, 140);
    // Windows tile the regions exactly: each pixel's label is its region's.
    int red = s.pixelLabel(0, 0);
    int green = s.pixelLabel(119, 0);
    int blue = s.pixelLabel(0, 159);
    assertThat(new int[] {red, green, blue}).doesNotHaveDuplicates();
    for (int i = 0; i < 120; i++) {
      for (int j = 0; j < 160; j++) {
        int expected = i >= 60 && j < 60 ? green : j < 80 ? red : blue;
        assertThat(s.pixelLabel(i, j)).as("pixel %d, %d", i, j).isEqualTo(expected);
      }
    }
    // The cluster colour is the mean of its windows: about 0.825 in its own channel.
    assertThat(s.colors().get(green, 1)).isCloseTo(0.825, within(0.01));
    assertThat(s.colors().get(red, 0)).isCloseTo(0.825, within(0.01));
    assertThat(s.windowLabels()).hasSize(48);
  }

  @Test
  void overlappingWindowsGivePixelsTheLabelOfTheNearestCentre() {
    // A 1-pixel-high strip: dark columns 0..9, bright columns 10..19; window 4, stride 2.
    double[] v = new double[4 * 20];
    for (int i = 0; i < 4; i++) {
      for (int j = 10; j < 20; j++) {
        v[i * 20 + j] = 1;
      }
    }
    Matrix m = Matrix.wrap(4, 20, v);
    SegmentationResult s = Segmentation.builder().window(4).stride(2).clusters(3).seed(0)
        .segment(RgbImage.ofGray(m));
    // Starts 0, 2, ..., 16; the window at 8 (columns 8..11) is half and half: its own cluster.
    assertThat(s.windowLefts()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16);
    int[] w = s.windowLabels();
    assertThat(w[4]).isNotEqualTo(w[3]).isNotEqualTo(w[5]);
    // Centres are start + 1.5: column 8 is nearest to 7.5 (window 6), columns 9 and 10 to 9.5
    // (window 8), column 11 to 11.5 (window 10).
    assertThat(s.pixelLabel(0, 8)).isEqualTo(w[3]);
    assertThat(s.pixelLabel(0, 9)).isEqualTo(w[4]);
    assertThat(s.pixelLabel(0, 10)).isEqualTo(w[4]);
    assertThat(s.pixelLabel(0, 11)).isEqualTo(w[5]);
  }

  @Test
  void sameSeedSameSegmentsForAnyThreadCount() {
    RgbImage image = quadrants();
    Segmentation.Builder b = Segmentation.builder().window(30).stride(7).clusters(4).seed(9);
    SegmentationResult one = b.threads(1).segment(image);
    for (int threads : new int[] {2, 3, 8}) {
      SegmentationResult other = b.threads(threads).segment(image);
      assertThat(other.pixelLabels()).isEqualTo(one.pixelLabels());
      assertThat(other.colors()).isEqualTo(one.colors());
    }
  }

  @Test
  void toBuilderKeepsEverySettingAndTheResultRecordsThem() {
    ProgressListener listener = p -> { };
    Executor sameThread = Runnable::run;
    Segmentation seg = Segmentation.builder().window(30).stride(7).clusters(4).seed(9)
        .threads(2).executor(sameThread).listener(listener).build();
    assertThat(seg.settings()).isEqualTo(new SegmentationSettings(30, 7, 4, 9, 2));
    Segmentation copy = seg.toBuilder().build();
    assertThat(copy.settings()).isEqualTo(seg.settings());
    assertThat(copy.executor()).containsSame(sameThread);
    assertThat(copy.listener()).isSameAs(listener);
    assertThat(seg.toBuilder().stride(5).build().settings().stride()).isEqualTo(5);
    SegmentationResult result = copy.segment(quadrants());
    assertThat(result.settings()).isEqualTo(seg.settings());
    assertThat(result.window()).isEqualTo(30);
  }

  @Test
  void theListenerSeesTheKMeansFitAndCanCancelIt() {
    List<Progress> seen = new ArrayList<>();
    Segmentation.builder().window(30).stride(7).clusters(4).seed(9).listener(seen::add)
        .segment(quadrants());
    assertThat(seen).isNotEmpty();
    assertThat(seen).allSatisfy(p -> assertThat(p.loss()).isPresent());
    assertThatThrownBy(() -> Segmentation.builder().window(30).stride(7).clusters(4)
        .listener(Progress::cancel).segment(quadrants()))
        .isInstanceOf(CancellationException.class);
  }

  @Test
  void theExecutorRunsTheHelpersAndDoesNotChangeTheResult() {
    // 1,000 x 1,000 pixels, windows of 10 every 2: 246,016 positions, enough to share.
    SplittableRandom r = new SplittableRandom(3);
    double[][] ch = new double[3][1000 * 1000];
    for (double[] c : ch) {
      for (int p = 0; p < c.length; p++) {
        c[p] = r.nextDouble();
      }
    }
    RgbImage image = new RgbImage(Matrix.wrap(1000, 1000, ch[0]),
        Matrix.wrap(1000, 1000, ch[1]), Matrix.wrap(1000, 1000, ch[2]));
    Segmentation seg = Segmentation.builder().window(10).stride(2).clusters(3).seed(1)
        .threads(3).build();
    SegmentationResult reference = seg.segment(image);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Runnable> handed = new ArrayList<>();
      Executor counting = task -> {
        synchronized (handed) {
          handed.add(task);
        }
        pool.execute(task);
      };
      for (Executor executor : new Executor[] {counting, task -> { }}) {
        SegmentationResult other = seg.toBuilder().executor(executor).build().segment(image);
        assertThat(other.windowLabels()).isEqualTo(reference.windowLabels());
        assertThat(other.colors()).isEqualTo(reference.colors());
      }
      assertThat(handed).isNotEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void overlayDrawsYellowBordersAndLabelMapUsesThePalette() {
    RgbImage image = quadrants();
    SegmentationResult s = Segmentation.builder().window(20).stride(20).clusters(3).segment(image);
    RgbImage overlay = s.overlay(image);
    for (int[] p : new int[][] {{10, 79}, {10, 80}, {59, 10}, {60, 10}}) {
      assertThat(overlay.red().get(p[0], p[1])).isEqualTo(1.0);
      assertThat(overlay.green().get(p[0], p[1])).isEqualTo(1.0);
      assertThat(overlay.blue().get(p[0], p[1])).isEqualTo(0.0);
    }
    assertThat(overlay.red().get(10, 10)).isEqualTo(image.red().get(10, 10));
    RgbImage map = s.labelMap();
    assertThat(map.red().get(0, 0)).isNotEqualTo(map.red().get(0, 159));
    assertThat(s.meanColorImage().green().get(119, 0))
        .isEqualTo(s.colors().get(s.pixelLabel(119, 0), 1));
    assertThat(s.toString()).contains("120x160", "6x8");
  }

  /** The positions the settings count are those a segmentation uses, flush window included. */
  @Test
  void settingsCountTheWindowPositions() {
    RgbImage image = quadrants();
    for (int[] ws : new int[][] {{100, 50}, {40, 40}, {40, 30}, {120, 7}, {1, 1}}) {
      SegmentationSettings settings = Segmentation.builder().window(ws[0]).stride(ws[1])
          .clusters(1).build().settings();
      SegmentationResult s = Segmentation.builder().window(ws[0]).stride(ws[1]).clusters(1)
          .segment(image);
      assertThat(settings.positionsAlong(120)).isEqualTo(s.windowTops().length);
      assertThat(settings.positionsAlong(160)).isEqualTo(s.windowLefts().length);
    }
    assertThatThrownBy(() -> Segmentation.builder().window(121).build().settings()
        .positionsAlong(120))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window 121 is larger than the side of 120 pixels");
  }

  /**
   * The count is arithmetic: it allocated the array of every position, so the count for a side
   * of Integer.MAX_VALUE pixels at stride 1 threw OutOfMemoryError (an 8 GB array).
   */
  @Test
  void settingsCountThePositionsOfAnySideWithoutListingThem() {
    SegmentationSettings one = Segmentation.builder().window(4).stride(1).clusters(1).build()
        .settings();
    assertThat(one.positionsAlong(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE - 3);
    SegmentationSettings seven = Segmentation.builder().window(10).stride(7).clusters(1)
        .build().settings();
    // regular positions 0, 7, ..., 7 * 306783376, then one flush with the far edge
    assertThat(seven.positionsAlong(Integer.MAX_VALUE)).isEqualTo(306783378);
    for (int size = 10; size < 40; size++) {
      assertThat(seven.positionsAlong(size)).as("size %d", size)
          .isEqualTo(Segmentation.positions(size, 10, 7).length);
    }
  }

  @Test
  void aConstantImageOfAnyValueHasOneMeanColourLikeABlackOne() {
    // The window means of a constant image were running sums whose rounding differed from
    // window to window: a grey image "had" several distinct colours, a black one had one.
    for (double value : new double[] {0, 0.5, 1, 200.0 / 255, 0.1, 1e-300, 3e5}) {
      double[] v = new double[50 * 70];
      java.util.Arrays.fill(v, value);
      RgbImage grey = RgbImage.ofGray(Matrix.wrap(50, 70, v));
      double[] rgb = new double[50 * 70 * 3];
      for (int i = 0; i < 50 * 70; i++) {
        rgb[i] = value;
        rgb[50 * 70 + i] = value / 3;
        rgb[2 * 50 * 70 + i] = 1 - value;
      }
      RgbImage colour = new RgbImage(Matrix.wrap(50, 70, java.util.Arrays.copyOfRange(rgb, 0,
          3500)), Matrix.wrap(50, 70, java.util.Arrays.copyOfRange(rgb, 3500, 7000)),
          Matrix.wrap(50, 70, java.util.Arrays.copyOfRange(rgb, 7000, 10500)));
      for (RgbImage image : new RgbImage[] {grey, colour}) {
        assertThatThrownBy(() -> Segmentation.builder().window(7).stride(3).clusters(2)
            .segment(image))
            .as("value %s", value)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("clusters = 2 is more than the 1 distinct mean colour of the windows "
                + "(window 7, stride 3); each segment needs a different one (lower clusters, "
                + "window or stride)");
      }
    }
    // One window of another colour is found: the reference changes nothing else.
    double[] v = new double[50 * 70];
    java.util.Arrays.fill(v, 0.5);
    v[30 * 70 + 40] = 0.75;
    SegmentationResult s = Segmentation.builder().window(7).stride(7).clusters(2).seed(0)
        .segment(RgbImage.ofGray(Matrix.wrap(50, 70, v)));
    assertThat(s.pixelLabel(30, 40)).isNotEqualTo(s.pixelLabel(0, 0));
    assertThat(s.colors().get(s.pixelLabel(0, 0), 0)).isEqualTo(0.5);
  }

  @Test
  void badInputIsRejectedWithClearMessages() {
    RgbImage image = quadrants();
    assertThatThrownBy(() -> Segmentation.builder().window(121).segment(image))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window must be <= the image's height (120) and width (160), was 121");
    assertThatThrownBy(() -> Segmentation.builder().window(100).stride(50).clusters(7)
        .segment(image))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clusters must be <= the number of window positions (2 x 3 = 6), was 7");
    // k-means' own refusal named its points and k: "points has only 1 distinct row, ..."
    RgbImage flat = RgbImage.ofGray(Matrix.zeros(40, 40));
    assertThatThrownBy(() -> Segmentation.builder().window(10).stride(10).clusters(2)
        .segment(flat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clusters = 2 is more than the 1 distinct mean colour of the windows "
            + "(window 10, stride 10); each segment needs a different one (lower clusters, "
            + "window or stride)");
    double[][] a = image.green().toArray();
    a[3][7] = Double.NaN;
    RgbImage bad = new RgbImage(image.red(), Matrix.of(a), image.blue());
    assertThatThrownBy(() -> Segmentation.builder().window(10).segment(bad))
        .hasMessageContaining("image green channel has NaN at row 3, column 7");
    assertThatThrownBy(() -> Segmentation.builder().stride(0))
        .hasMessage("stride must be >= 1, was 0");
    assertThatThrownBy(() -> Segmentation.builder().window(0))
        .hasMessage("window must be >= 1, was 0");
    assertThatThrownBy(() -> Segmentation.builder().segment(null))
        .hasMessage("image must not be null");
    assertThatThrownBy(() -> Segmentation.builder().window(10).build().segment(image)
        .overlay(RgbImage.ofGray(Matrix.zeros(3, 3))))
        .hasMessage("image is 3 x 3 pixels but the segmentation is 120 x 160 pixels (height x"
            + " width)");
  }
}
