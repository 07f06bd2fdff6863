package io.mlpservice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose file's cluster profile runs what the README promises: three members of one cluster
 * that find each other by name, one shared volume as their storage directory, and nginx spreading
 * requests over exactly those three (no Docker engine runs in the build: the files are read).
 */
class ComposeClusterTests {

    private static final List<String> MEMBERS = List.of("cluster-1", "cluster-2", "cluster-3");

    @Test
    @SuppressWarnings("unchecked")
    void theClusterProfileRunsThreeMembersOnOneVolumeBehindNginx() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        for (String name : MEMBERS) {
            Map<String, Object> member = services.get(name);
            assertThat((List<String>) member.get("profiles")).containsExactly("cluster");
            Map<String, Object> environment = (Map<String, Object>) member.get("environment");
            assertThat(environment).containsEntry("MLP_CLUSTER_ENABLED", "true").containsEntry("MLP_STORAGE_DIR", "/data")
                    .containsEntry("MLP_CLUSTER_MEMBERS", "cluster-1:5701,cluster-2:5701,cluster-3:5701");
            assertThat((List<String>) member.get("volumes")).containsExactly("mlp-cluster-data:/data");
            assertThat(member.get("hostname")).isEqualTo(name);
        }
        Map<String, Object> balancer = services.get("cluster-lb");
        assertThat((String) balancer.get("image")).startsWith("nginx:").doesNotEndWith(":latest");
        assertThat((List<String>) balancer.get("ports")).containsExactly("8088:80");
        assertThat((List<String>) balancer.get("depends_on")).containsExactlyElementsOf(MEMBERS);
        assertThat((List<String>) services.get("mlp-service").get("ports")).containsExactly("8080:8080");

        String nginx = Files.readString(Path.of("nginx/cluster.conf"));
        assertThat(nginx.lines().map(String::strip).filter(line -> line.startsWith("server cluster-")))
                .containsExactly("server cluster-1:8080 max_fails=1 fail_timeout=10s;",
                        "server cluster-2:8080 max_fails=1 fail_timeout=10s;",
                        "server cluster-3:8080 max_fails=1 fail_timeout=10s;");
        assertThat(nginx).contains("proxy_pass http://mlp_cluster;");
    }
}
