# syntax=docker/dockerfile:1.7
# FairTradeWorker API image: built with the Maven Wrapper, run on a Temurin 21 JRE as a non-root user.
#   docker build -t fairtradeworker-api .
#   docker run -p 3000:3000 -e APP_ENV=production -e DATABASE_URL=... fairtradeworker-api

# --- Build ---------------------------------------------------------------------------------------------------------
FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace

# Wrapper and POM first, so the dependency download stays cached until pom.xml changes. go-offline only warms the
# cache (some plugins resolve more at run time), so a miss here is not an error: package downloads the rest.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline || true

# Tests ran in CI before the image is built (.github/workflows/deploy.yml), so packaging skips them.
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
    && java -Djarmode=tools -jar target/fairtradeworker-*.jar extract --layers --launcher --destination /layers \
    # The embedded PostgreSQL binaries (about 115 MB for four platforms) are development defaults that production
    # refuses to start; the embedded-postgres library itself stays, so every class still loads.
    && rm -f /layers/dependencies/BOOT-INF/lib/embedded-postgres-binaries-*.jar

# --- Runtime -------------------------------------------------------------------------------------------------------
FROM eclipse-temurin:21-jre AS runtime

# curl serves the health check (the base image ships it today; make sure it stays), and the service runs as an
# unprivileged user that cannot change its own code.
RUN set -eux; \
    if ! command -v curl >/dev/null; then \
        apt-get update; apt-get install -y --no-install-recommends curl; rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 app; \
    useradd --system --uid 10001 --gid app --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app

WORKDIR /app
# One layer per rate of change: dependencies rarely, the application on every commit.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

# The JVM sizes itself from the container's memory limit (2 GB on ECS): 70% heap leaves room for metaspace, thread
# stacks and Netty's direct buffers; an OutOfMemoryError ends the process so ECS replaces the task instead of
# leaving a half-working one behind.
ENV PORT=3000 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC"

USER 10001:10001
EXPOSE 3000

# Liveness, not readiness: a database outage must not mark the container unhealthy. The ECS task definition
# repeats this check (ECS ignores HEALTHCHECK); start-period covers JVM start and Flyway migrations.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS "http://localhost:${PORT}/actuator/health/liveness" || exit 1

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
