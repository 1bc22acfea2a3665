#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(clockid_t c) { struct timespec t; clock_gettime(c, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
double a[256] __attribute__((aligned(64)));
int main(int argc, char **argv) {
  double secs = atof(argv[1]); double w0 = now(CLOCK_MONOTONIC);
  volatile double sink = 0;
  for (int i = 0; i < 256; i++) a[i] = i;
  while (now(CLOCK_MONOTONIC) - w0 < secs) {
    /* L1 axpy: 20000 passes */
    double c0 = now(CLOCK_THREAD_CPUTIME_ID);
    for (int r = 0; r < 20000; r++) {
      #pragma GCC unroll 4
      for (int i = 0; i < 256; i++) a[i] = a[i] * 0.999 + 1e-9;
      __asm__ volatile("" ::: "memory");
    }
    double c1 = now(CLOCK_THREAD_CPUTIME_ID);
    double x = 1;
    for (int i = 0; i < 2000000; i++) { x = x * 0.9999999 + 1e-9; __asm__ volatile("" : "+x"(x)); }
    double c2 = now(CLOCK_THREAD_CPUTIME_ID);
    sink += x + a[3];
    printf("%.3f %.3f %.3f\n", now(CLOCK_MONOTONIC) - w0, (c1 - c0) * 1e3, (c2 - c1) * 1e3);
  }
  return 0;
}
