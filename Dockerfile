# A talk server in one container: docker build -t aicapex . &&
# docker run -d -p 23234:23234 -v aicapex:/data aicapex
# The host key is generated on first start into the /data volume, so the
# server keeps its identity across restarts and upgrades.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Static: the runtime image has no C library.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/aicapex . \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/aicapex /aicapex
# The volume's mount point belongs to the unprivileged user that runs the server.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV XDG_DATA_HOME=/data
VOLUME /data
EXPOSE 23234
ENTRYPOINT ["/aicapex"]
CMD ["serve", "--listen", "0.0.0.0:23234"]
