#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
/* burn MODE SECONDS: spin (integer add chain), fma (AVX-512 FMAs on registers), l1 (stream 16KB), mem (stream 64MB) */
int main(int argc, char **argv) {
  const char *mode = argv[1]; double secs = atof(argv[2]);
  struct timespec t0, t; clock_gettime(CLOCK_MONOTONIC, &t0);
  volatile double sink = 0; unsigned long x = 1;
  size_t n = strcmp(mode, "mem") == 0 ? (64u << 20) / 8 : (strcmp(mode,"l2")==0 ? (512u<<10)/8 : 2048);
  double *a = aligned_alloc(64, n * 8); for (size_t i = 0; i < n; i++) a[i] = i;
  for (;;) {
    if (strcmp(mode, "spin") == 0) { for (int i = 0; i < 10000000; i++) x = x * 3 + 1; }
    else if (strcmp(mode, "fma") == 0) {
      double c[32]; for (int j = 0; j < 32; j++) c[j] = j;
      for (int i = 0; i < 1000000; i++) {
#pragma GCC unroll 32
        for (int j = 0; j < 32; j++) c[j] = c[j] * 0.999999 + 1e-9;
      }
      sink += c[0] + c[31];
    } else {
      for (int r = 0; r < 20; r++) { double s = 0; for (size_t i = 0; i < n; i++) s += a[i]; for (size_t i = 0; i < n; i++) a[i] += 1e-9; sink += s; }
    }
    clock_gettime(CLOCK_MONOTONIC, &t);
    if ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) * 1e-9 > secs) break;
  }
  printf("%lu %f\n", x, (double) sink);
  return 0;
}
