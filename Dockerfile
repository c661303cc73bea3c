# Build: docker build -t kehu .
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p kehu-server

FROM debian:bookworm-slim
RUN useradd --system --home /var/lib/kehu kehu && mkdir -p /var/lib/kehu && chown kehu /var/lib/kehu
COPY --from=build /src/target/release/kehu /usr/local/bin/kehu
USER kehu
ENV KEHU_LISTEN=0.0.0.0:8080 KEHU_DATA_DIR=/var/lib/kehu KEHU_LOG_FORMAT=json
EXPOSE 8080
VOLUME /var/lib/kehu
HEALTHCHECK CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["kehu"]
