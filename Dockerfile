# mlp-service container: built with a JDK 25, run on a JRE 25 as a non-root user.
#   docker build -t mlp-service .
#   docker run --rm -p 8080:8080 mlp-service

FROM eclipse-temurin:25-jdk-noble AS build
WORKDIR /src
# Dependencies first, so that a source change does not download them again.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
# The AOT cache is recorded in the final stage, by the JVM that will use it (-Daot.skip here).
RUN ./mvnw -B -q -DskipTests -Daot.skip package \
 && java -Djarmode=tools -jar target/mlp-service.jar extract --layers --destination target/extracted

FROM eclipse-temurin:25-jre-noble
# OpenBLAS gives the engine its native matrix-product kernel; curl serves the health check.
# /data is the storage directory (mlp.storage.dir): models, versions, jobs, loss histories and,
# on the first start without configured keys, the admin key. Mount a volume there.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libopenblas0-pthread curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system mlp \
 && useradd --system --gid mlp --home-dir /app --shell /usr/sbin/nologin mlp \
 && mkdir -p /data && chown mlp:mlp /data
WORKDIR /app
# One layer per rate of change: libraries, the Boot loader, snapshots, then the application.
COPY --from=build /src/target/extracted/dependencies/ ./
COPY --from=build /src/target/extracted/spring-boot-loader/ ./
COPY --from=build /src/target/extracted/snapshot-dependencies/ ./
COPY --from=build /src/target/extracted/application/ ./
# The JVM sizes its heap from the container's memory limit (not the host's) and exits on an
# out-of-memory error, so that the orchestrator restarts a clean process.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
# The ahead-of-time cache (JEP 483, 515): a training run of this image's JVM on this class path,
# the engine's warm-up on generated data and then the service's requests to itself of two
# models' lives (with a key valid in that process only), records the classes loaded and linked
# and the methods' profiles; every start reads them back.
# It serves only the JVM, options and class path it was recorded with: the same line as below.
RUN java $JAVA_OPTS -XX:AOTCacheOutput=/app/mlp-service.aot --add-modules jdk.incubator.vector \
      --enable-native-access=ALL-UNNAMED -Dmlp.engine.warmup=foreground \
      -Dmlp.cache.training-run-key=aot-cache-training-run \
      -jar /app/mlp-service.jar --server.port=0 --mlp.storage.dir= --mlp.security.api-keys[0].name=aot-cache \
      --mlp.security.api-keys[0].role=admin \
      --mlp.security.api-keys[0].sha256=df8217efe82ed2a701140e01eae520f27145a61108337ac38641e290d34d5700
USER mlp
ENV MLP_STORAGE_DIR=/data
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -XX:AOTCache=/app/mlp-service.aot --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar /app/mlp-service.jar"]
