# Build: docker build -t kehu .   (needs a Docker engine; the test command
# checks this file's stages against scripts/run but cannot build the image).

# The web apps, with the same pinned tools scripts/run installs (trunk,
# wasm-bindgen-cli, wasm-opt from npm), by the same function: build_web.
FROM rust:1.95-bookworm AS web
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ENV KEHU_CACHE=/opt/kehu-cache
RUN bash -c 'source scripts/lib.sh && build_web && report_web_size'

# The server binary.
FROM rust:1.95-bookworm AS server
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p kehu-server --bin kehu

FROM debian:bookworm-slim
RUN useradd --system --home /var/lib/kehu kehu && mkdir -p /var/lib/kehu && chown kehu /var/lib/kehu
COPY --from=server /src/target/release/kehu /usr/local/bin/kehu
# The staff app, with the help centre in its help/ folder.
COPY --from=web /src/frontend/dist /usr/share/kehu/web
USER kehu
ENV KEHU_LISTEN=0.0.0.0:8080 KEHU_DATA_DIR=/var/lib/kehu KEHU_LOG_FORMAT=json KEHU_WEB_DIR=/usr/share/kehu/web
EXPOSE 8080
VOLUME /var/lib/kehu
HEALTHCHECK CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["kehu"]
