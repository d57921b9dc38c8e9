package org.nanomind.kernels;

import static org.jocl.CL.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/**
 * An OpenCL device through JOCL: one context and in-order queue, and the project's kernel programs,
 * each built once per set of build options and cached. Picks a GPU when there is one, else the first
 * device (PoCL's CPU device on these machines); NANOMIND_OPENCL_DEVICE=text picks the first device whose
 * name contains the text.
 */
public final class OpenCl implements AutoCloseable {
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_device_id device;
    private final String deviceName;
    private final Map<String, cl_program> programs = new HashMap<>();
    private final Map<String, cl_kernel> kernels = new HashMap<>();

    private OpenCl(cl_context context, cl_command_queue queue, cl_device_id device, String deviceName) {
        this.context = context;
        this.queue = queue;
        this.device = device;
        this.deviceName = deviceName;
    }

    /**
     * Opens the chosen device, or says why there is none. Opening and closing are serialized over the
     * process: enumerating platforms and devices from two threads at once crashed PoCL's ICD (a sweep's
     * workers each start a functional run).
     */
    public static OpenCl open() throws OpenClUnavailableException {
        synchronized (OpenCl.class) {
            return openDevice();
        }
    }

    private static OpenCl openDevice() throws OpenClUnavailableException {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<cl_platform_id> owners = new ArrayList<>();
            List<cl_device_id> devices = new ArrayList<>();
            List<Boolean> gpu = new ArrayList<>();
            for (cl_platform_id p : platforms) {
                int[] n = new int[1];
                try {
                    clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, n);
                } catch (CLException e) {
                    continue; // a platform without devices
                }
                cl_device_id[] ds = new cl_device_id[n[0]];
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ds.length, ds, null);
                for (cl_device_id d : ds) {
                    long[] type = new long[1];
                    clGetDeviceInfo(d, CL_DEVICE_TYPE, Long.BYTES, Pointer.to(type), null);
                    owners.add(p);
                    devices.add(d);
                    gpu.add((type[0] & CL_DEVICE_TYPE_GPU) != 0);
                }
            }
            int pick = choose(devices, gpu);
            cl_device_id d = devices.get(pick);
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, owners.get(pick));
            cl_context ctx = clCreateContext(props, 1, new cl_device_id[] {d}, null, null, null);
            @SuppressWarnings("deprecation")
            cl_command_queue q = clCreateCommandQueue(ctx, d, 0, null);
            return new OpenCl(ctx, q, d, deviceString(d, CL_DEVICE_NAME));
        } catch (CLException | LinkageError | IllegalStateException e) {
            throw new OpenClUnavailableException("no OpenCL device: " + e.getMessage()
                    + " (install an ICD, e.g. Debian's pocl-opencl-icd; the Java kernels serve meanwhile)", e);
        }
    }

    private static int choose(List<cl_device_id> devices, List<Boolean> gpu) {
        if (devices.isEmpty()) {
            throw new IllegalStateException("no platform has a device");
        }
        String wanted = System.getenv("NANOMIND_OPENCL_DEVICE");
        for (int i = 0; i < devices.size(); i++) {
            String name = deviceString(devices.get(i), CL_DEVICE_NAME).toLowerCase(Locale.ROOT);
            if (wanted != null && name.contains(wanted.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        if (wanted != null) {
            throw new IllegalStateException("no device name contains '" + wanted + "' (NANOMIND_OPENCL_DEVICE)");
        }
        int g = gpu.indexOf(Boolean.TRUE);
        return g >= 0 ? g : 0;
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, b.length, Pointer.to(b), null);
        return new String(b, 0, Math.max(0, b.length - 1), StandardCharsets.UTF_8).trim();
    }

    public String deviceName() {
        return deviceName;
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    /** Kernel {@code name} of resource {@code source} built with {@code options}; built once, then cached. */
    synchronized cl_kernel kernel(String source, String name, String options) {
        String key = source + "|" + options + "|" + name;
        cl_kernel k = kernels.get(key);
        if (k == null) {
            cl_program p = programs.computeIfAbsent(source + "|" + options, s -> build(source, options));
            k = clCreateKernel(p, name, null);
            kernels.put(key, k);
        }
        return k;
    }

    private cl_program build(String source, String options) {
        String code;
        try (InputStream in = OpenCl.class.getResourceAsStream(source)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + source + " is missing from the jar");
            }
            code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read kernel source " + source, e);
        }
        cl_program p = clCreateProgramWithSource(context, 1, new String[] {code}, null, null);
        try {
            clBuildProgram(p, 1, new cl_device_id[] {device}, options, null, null);
        } catch (CLException e) {
            long[] size = new long[1];
            clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
            throw new IllegalStateException("OpenCL build of " + source + " failed: "
                    + new String(log, StandardCharsets.UTF_8).trim(), e);
        }
        return p;
    }

    @Override
    public void close() {
        synchronized (OpenCl.class) {
            synchronized (this) {
                kernels.values().forEach(CL::clReleaseKernel);
                programs.values().forEach(CL::clReleaseProgram);
                kernels.clear();
                programs.clear();
                clReleaseCommandQueue(queue);
                clReleaseContext(context);
            }
        }
    }
}
