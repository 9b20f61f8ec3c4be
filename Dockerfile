# syntax=docker/dockerfile:1
#
# The VPO optimizer service: POST /optimize on port 8080, as the non-root user `app`, serving the
# optimizer shipped in onnx/ unless another model folder is mounted.
#
#   docker build -t vpo:cpu .
#   docker build --build-arg VARIANT=cuda -t vpo:cuda .                # ONNX Runtime GPU + GenAI CUDA
#   docker build --target train -t vpo-train:cpu .                     # the vpo-train CLI (data jobs)
#   docker run --rm -p 8080:8080 vpo:cpu
#   docker run --rm -p 8080:8080 -v /srv/vpo-8b:/models/vpo:ro -e Inference__ModelPath=/models/vpo vpo:cpu
#
# The build steps are scripts/publish.sh, the same commands a developer runs outside Docker.

# cpu | cuda
ARG VARIANT=cpu
# Base images, pinned by version: the SDK 10.0.401 band ships runtime 10.0.12, and all three are Ubuntu
# 24.04 (noble) so the .NET runtime copied into the CUDA image finds the glibc it was built for.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401-noble
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.12-noble
# ONNX Runtime 1.31's CUDA execution provider needs CUDA 13 and cuDNN 9.
ARG CUDA_IMAGE=nvidia/cuda:13.0.2-cudnn-runtime-ubuntu24.04

# --------------------------------------------------------------------------------------------------------
FROM ${SDK_IMAGE} AS build
ARG VARIANT
WORKDIR /src
# Restore first, from the project files alone, so source edits reuse the cached package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Inference/Vpo.Inference.csproj src/Inference/
COPY src/Api/Vpo.Api.csproj src/Api/
COPY scripts/publish.sh scripts/
RUN VPO_CUDA="$([ "$VARIANT" = cuda ] && echo true || echo false)" scripts/publish.sh restore
COPY src/Inference/ src/Inference/
COPY src/Api/ src/Api/
RUN VPO_CUDA="$([ "$VARIANT" = cuda ] && echo true || echo false)" scripts/publish.sh publish /out

# --------------------------------------------------------------------------------------------------------
FROM ${SDK_IMAGE} AS build-train
ARG VARIANT
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Inference/Vpo.Inference.csproj src/Inference/
COPY src/Training/Vpo.Training.csproj src/Training/
COPY scripts/publish.sh scripts/
RUN VPO_APP=train VPO_CUDA="$([ "$VARIANT" = cuda ] && echo true || echo false)" scripts/publish.sh restore
COPY src/Inference/ src/Inference/
COPY src/Training/ src/Training/
RUN VPO_APP=train VPO_CUDA="$([ "$VARIANT" = cuda ] && echo true || echo false)" scripts/publish.sh publish /out

# --------------------------------------------------------------------------------------------------------
# The ASP.NET Core image already has everything libonnxruntime-genai.so and libonnxruntime.so link
# against (libc6, libstdc++6, libgcc-s1: read with ldd off the NuGet natives) and the user `app`.
FROM ${ASPNET_IMAGE} AS runtime-cpu
ENV Inference__Provider=cpu

# --------------------------------------------------------------------------------------------------------
# CUDA 13 + cuDNN 9 runtime with the .NET runtime of the ASP.NET image copied in; the user `app` gets the
# id the ASP.NET images give it, so volumes and securityContext settings work the same for both variants.
FROM ${ASPNET_IMAGE} AS aspnet
FROM ${CUDA_IMAGE} AS runtime-cuda
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libgcc-s1 libstdc++6 libssl3t64 tzdata zlib1g \
    && rm -rf /var/lib/apt/lists/*
COPY --from=aspnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && groupadd --gid 1654 app \
    && useradd --uid 1654 --gid app --no-create-home --shell /usr/sbin/nologin app
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    Inference__Provider=cuda

# --------------------------------------------------------------------------------------------------------
# vpo-train for the data-construction Jobs of the Helm chart; /work is where a stage reads and appends.
FROM runtime-${VARIANT} AS train
WORKDIR /app
COPY --from=build-train /out/ /app/
RUN set -e; for lib in /app/libLibTorchSharp.so /app/libtorch.so /app/libtorch_c*.so /app/libc10*.so /app/libonnxruntime*.so; do \
      case "$lib" in *tensorrt*) continue ;; esac; \
      [ -e "$lib" ] || continue; \
      if ldd "$lib" | grep 'not found' | grep -v 'libcuda\.so'; then echo "unresolved dependency of $lib" >&2; exit 1; fi; \
    done
WORKDIR /work
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/vpo-train.dll"]

# --------------------------------------------------------------------------------------------------------
# The service (the default target: last stage).
FROM runtime-${VARIANT} AS service
WORKDIR /app
COPY --from=build /out/ /app/
# The shipped optimizer; mount another model folder and point Inference__ModelPath at it to replace it.
COPY onnx/ /app/onnx/
# Fail the build, not the first request, when a native library the runtime loads cannot resolve its
# dependencies. TensorRT's provider is not used (it needs TensorRT, which this image does not carry), and
# the GPU driver's libcuda.so is mounted by the NVIDIA container toolkit only when the container runs.
RUN set -e; for lib in /app/libonnxruntime*.so; do \
      case "$lib" in *tensorrt*) continue ;; esac; \
      if ldd "$lib" | grep 'not found' | grep -v 'libcuda\.so'; then echo "unresolved dependency of $lib" >&2; exit 1; fi; \
    done
# Two malloc arenas: ONNX Runtime allocates each batch's buffers natively from whichever thread runs it, and with
# glibc's default (eight arenas per core) the service's resident memory kept growing under load (bench/README.md).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Inference__ModelPath=/app/onnx \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${ASPNETCORE_HTTP_PORTS:-8080} && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "/app/Vpo.Api.dll"]
