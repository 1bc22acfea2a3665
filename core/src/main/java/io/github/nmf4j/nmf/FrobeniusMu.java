package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;

/**
 * Lee and Seung's multiplicative updates for {@code ||V - WH||_F^2}, H first:
 * {@code H <- H .* (W'V) ./ (W'W H + eps)}, then {@code W <- W .* (VH') ./ (W (HH') + eps)}.
 *
 * <p>Per iteration the large products are {@code W'V} and {@code VH'} (each {@code 2npk}
 * flops); {@code W'W}, {@code HH'}, {@code W'W H} and {@code W(HH')} are small. The element-wise
 * steps are single passes ({@link MuKernels}). The loss uses
 * the trace identity {@code ||V - WH||^2 = ||V||^2 - 2 <W, VH'> + <W'W, HH'>}, whose terms the
 * update has just computed, so WH is never formed.
 */
final class FrobeniusMu implements UpdateRule {

  private final ScaledData data;
  private final double[] w;
  private final double[] h;
  private final int k;
  private final double eps;
  private final boolean updateH;
  private final Parallel par;

  private final double[] wtv;
  private final double[] wtw;
  private final double[] wtwh;
  private final double[] hht;
  private final double[] vht;
  private final double[] whh;
  /** Copies of W and H scaled by {@code 2^productExponent}, for data near the double range's ends. */
  private final double[] wOperand;
  private final double[] hOperand;
  private final double[] partial;
  private boolean wtwCurrent;
  /** {@code <W, V_s H'>} for the current factors. */
  private double cross;

  FrobeniusMu(ScaledData data, double[] w, double[] h, int k, double eps, boolean updateH,
      Parallel par) {
    this.data = data;
    this.w = w;
    this.h = h;
    this.k = k;
    this.eps = eps;
    this.updateH = updateH;
    this.par = par;
    int n = data.n;
    int p = data.p;
    wtv = updateH ? new double[k * p] : null;
    wtwh = updateH ? new double[k * p] : null;
    wtw = new double[k * k];
    hht = new double[k * k];
    vht = new double[n * k];
    whh = new double[n * k];
    partial = new double[MuKernels.blocks(n)];
    boolean scaledOperands = data.productExponent != 0;
    wOperand = scaledOperands && updateH ? new double[n * k] : w;
    hOperand = scaledOperands ? new double[k * p] : h;
    productsOfH();
    cross = MuKernels.dot(w, vht, n, k, data.productScale, partial, par);
  }

  @Override
  public void iterate() {
    int n = data.n;
    int p = data.p;
    if (updateH) {
      productOfW();
      Gemm.transposeMultiply(n, k, p, operand(w, wOperand), data.v, wtv, par);
      Gemm.multiply(k, k, p, wtw, h, wtwh, par);
      MuKernels.multiplicativeStep(h, wtv, data.productScale, wtwh, eps);
      productsOfH();
    }
    Gemm.multiply(n, k, k, w, hht, whh, par);
    cross = MuKernels.updateW(w, vht, whh, n, k, data.productScale, eps, partial, par);
    wtwCurrent = false;
  }

  @Override
  public double loss() {
    productOfW();
    double squared = data.squaredNorm - 2 * cross + MuKernels.dot(wtw, hht, k * k);
    return Math.sqrt(Math.max(0, squared));
  }

  /** {@code HH'} and {@code VH'} for the current H. */
  private void productsOfH() {
    Gemm.multiplyTranspose(k, data.p, k, h, h, hht, par);
    Gemm.multiplyTranspose(data.n, data.p, k, data.v, operand(h, hOperand), vht, par);
  }

  /** The factor itself, or its copy scaled by {@code 2^productExponent} when that is not 0. */
  private double[] operand(double[] factor, double[] scaled) {
    if (scaled != factor) {
      MuKernels.scaleInto(factor, data.productExponent, scaled);
    }
    return scaled;
  }

  /** {@code W'W} for the current W, computed once per W. */
  private void productOfW() {
    if (!wtwCurrent) {
      Gemm.transposeMultiply(data.n, k, k, w, w, wtw, par);
      wtwCurrent = true;
    }
  }
}
