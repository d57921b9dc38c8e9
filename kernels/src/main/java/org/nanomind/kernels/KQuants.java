package org.nanomind.kernels;

/**
 * The search ggml's K-quant reference quantizers use to pick a sub-block's scale and min
 * (make_qkx2_quants): start from the min-max grid, then try {@code nstep + 1} nearby grids and keep the
 * weighted least-squares fit with the smallest error. Float arithmetic throughout, as in ggml.
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
}
