/**
 * Images as matrices: reading and writing PNG, JPEG, BMP and GIF as gray or RGB matrices in
 * [0, 1] ({@link io.github.nmf4j.image.Images}, {@link io.github.nmf4j.image.RgbImage}).
 */
package io.github.nmf4j.image;
