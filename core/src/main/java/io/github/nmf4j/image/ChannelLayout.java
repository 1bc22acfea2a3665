package io.github.nmf4j.image;

/** How NMF compression treats the three channels of a colour image. */
public enum ChannelLayout {
  /**
   * Each channel is its own {@code rows x cols} matrix with its own W and H (the common choice):
   * {@code 3 (rows k + k cols)} stored numbers.
   */
  SEPARATE,

  /**
   * The channels side by side as one {@code rows x 3 cols} matrix {@code [R | G | B]}, so they
   * share one W: {@code rows k + 3 k cols} stored numbers, fewer than {@link #SEPARATE} for the
   * same rank.
   */
  SIDE_BY_SIDE
}
