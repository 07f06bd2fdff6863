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
RUN ./mvnw -B -q -DskipTests package \
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
USER mlp
ENV MLP_STORAGE_DIR=/data
VOLUME /data
EXPOSE 8080
# The JVM sizes its heap from the container's memory limit (not the host's) and exits on an
# out-of-memory error, so that the orchestrator restarts a clean process.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar mlp-service.jar"]
