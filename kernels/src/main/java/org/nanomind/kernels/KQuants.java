package org.nanomind.kernels;

/**
 * The search ggml's K-quant reference quantizers use to pick a sub-block's scale and min
 * (make_qkx2_quants): start from the min-max grid, then try {@code nstep + 1} nearby grids and keep the
 * weighted least-squares fit with the smallest error; and the symmetric search Q6_K uses (make_qx_quants).
 * Float arithmetic throughout, in ggml's order of operations, so that the bytes come out as ggml's.
 */
final class KQuants {
    private KQuants() {
    }

    /** Result of one sub-block: {@code scale}, and {@code min} as a positive offset (x ~ scale*L - min). */
    record ScaleMin(float scale, float min) {
    }

    static ScaleMin makeQkx2(int n, int nmax, float[] x, int xOff, float[] w, byte[] levels, int lOff,
                             byte[] aux, float rmin, float rdelta, int nstep, boolean useMad) {
        float min = x[xOff];
        float max = x[xOff];
        float sumW = w[0];
        float sumX = sumW * x[xOff];
        for (int i = 1; i < n; i++) {
            float v = x[xOff + i];
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
            sumW += w[i];
            sumX += w[i] * v;
        }
        if (min > 0) {
            min = 0;
        }
        if (max == min) {
            for (int i = 0; i < n; i++) {
                levels[lOff + i] = 0;
            }
            return new ScaleMin(0.0f, -min);
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; i++) {
            int l = Math.max(0, Math.min(nmax, Mem.nearestInt(iscale * (x[xOff + i] - min))));
            levels[lOff + i] = (byte) l;
            float diff = scale * l + min - x[xOff + i];
            diff = useMad ? Math.abs(diff) : diff * diff;
            bestError += w[i] * diff;
        }
        if (nstep < 1) {
            return new ScaleMin(scale, -min);
        }
        for (int is = 0; is <= nstep; is++) {
            iscale = (rmin + rdelta * is + nmax) / (max - min);
            float sumL = 0;
            float sumL2 = 0;
            float sumXL = 0;
            for (int i = 0; i < n; i++) {
                int l = Math.max(0, Math.min(nmax, Mem.nearestInt(iscale * (x[xOff + i] - min))));
                aux[i] = (byte) l;
                sumL += w[i] * l;
                sumL2 += w[i] * l * l;
                sumXL += w[i] * l * x[xOff + i];
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / det;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float curError = 0;
                for (int i = 0; i < n; i++) {
                    float diff = thisScale * aux[i] + thisMin - x[xOff + i];
                    diff = useMad ? Math.abs(diff) : diff * diff;
                    curError += w[i] * diff;
                }
                if (curError < bestError) {
                    System.arraycopy(aux, 0, levels, lOff, n);
                    bestError = curError;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        return new ScaleMin(scale, -min);
    }

    /**
     * The scales and mins of the eight sub-blocks of 32 of a Q4_K or Q5_K super-block at {@code base}: each a
     * make_qkx2_quants search to {@code nmax} levels weighted by rms(x) + |x|, from {@code rmin} in steps of 0.1.
     */
    static void subBlocks(float[] x, int base, int nmax, float rmin, int nstep, byte[] levels, float[] scales, float[] mins) {
        byte[] aux = new byte[32];
        float[] weights = new float[32];
        for (int j = 0; j < 8; j++) {
            float sumX2 = 0;
            for (int l = 0; l < 32; l++) {
                float v = x[base + 32 * j + l];
                sumX2 += v * v;
            }
            float avX = (float) Math.sqrt(sumX2 / 32);
            for (int l = 0; l < 32; l++) {
                weights[l] = avX + Math.abs(x[base + 32 * j + l]);
            }
            ScaleMin sm = makeQkx2(32, nmax, x, base + 32 * j, weights, levels, 32 * j, aux, rmin, 0.1f, nstep, false);
            scales[j] = sm.scale();
            mins[j] = sm.min();
        }
    }

    /** Below this a group is all zero (ggml's GROUP_MAX_EPS). */
    static final float GROUP_MAX_EPS = 1e-15f;

    /**
     * make_qx_quants with rmse_type 1 and no importance weights (Q6_K's sub-blocks of 16): the scale from the
     * value of largest magnitude, then 18 nearby grids, keeping the one whose x^2-weighted least-squares fit
     * explains most; levels are written offset by {@code nmax}, within [0, 2 nmax).
     */
    static float makeQx(int n, int nmax, float[] x, int xOff, byte[] levels, int lOff) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[xOff + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xOff + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            java.util.Arrays.fill(levels, lOff, lOff + n, (byte) 0);
            return 0.0f;
        }
        float iscale = -nmax / max;
        float sumLX = 0;
        float sumL2 = 0;
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            int l = Math.max(-nmax, Math.min(nmax - 1, Mem.nearestInt(iscale * v)));
            levels[lOff + i] = (byte) (l + nmax);
            float w = v * v;
            sumLX += w * v * l;
            sumL2 += w * l * l;
        }
        float scale = sumL2 != 0 ? sumLX / sumL2 : 0.0f;
        float best = scale * sumLX;
        for (int is = -9; is <= 9; is++) {
            if (is == 0) {
                continue;
            }
            iscale = -(nmax + 0.1f * is) / max;
            sumLX = 0;
            sumL2 = 0;
            for (int i = 0; i < n; i++) {
                float v = x[xOff + i];
                int l = Math.max(-nmax, Math.min(nmax - 1, Mem.nearestInt(iscale * v)));
                float w = v * v;
                sumLX += w * v * l;
                sumL2 += w * l * l;
            }
            if (sumL2 > 0 && sumLX * sumLX > best * sumL2) {
                for (int i = 0; i < n; i++) {
                    int l = Mem.nearestInt(iscale * x[xOff + i]);
                    levels[lOff + i] = (byte) (nmax + Math.max(-nmax, Math.min(nmax - 1, l)));
                }
                scale = sumLX / sumL2;
                best = scale * sumLX;
            }
        }
        return scale;
    }
}
