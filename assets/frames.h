#include <stdint.h>

void atl_resample(uint8_t *dst, int ow, int oh, int dstride,
                  const uint8_t *src, int sw, int sh, int sstride,
                  const int32_t *xs, const uint8_t *fx, int xlo, int xhi,
                  double y0, double scale, uint8_t *tmp);
void atl_blend(uint8_t *dst, int dstride, const uint8_t *src, int sstride,
               const uint8_t *alpha, int astride, int w, int h, unsigned opacity);
void atl_mix(uint8_t *dst, const uint8_t *a, const uint8_t *b, long n, unsigned t);
