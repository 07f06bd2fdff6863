package io.mlpservice.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cluster mode, bound from {@code mlp.cluster.*}: members of one {@code name} that find each
 * other over TCP at the listed addresses share the registry and the training queue. Off by
 * default, and then nothing of Hazelcast starts.
 *
 * @param enabled          join a cluster; needs {@code mlp.storage.dir} on a volume every member mounts
 * @param name             members join only a cluster of the same name
 * @param members          where to look for the other members, {@code host:port} each (this one may be listed)
 * @param port             the port this member listens on, exactly: a port in use is a start-up error
 * @param heartbeatTimeout how long the others wait for a silent member before they declare it dead and
 *                         take over its jobs
 * @param networkInterface the address this member binds to and announces (an IP of this machine, or a
 *                         pattern such as {@code 10.0.*.*}); empty lets Hazelcast pick one
 */
@ConfigurationProperties("mlp.cluster")
@Validated
public record ClusterProperties(
        @DefaultValue("false") boolean enabled,
        @NotBlank @DefaultValue("mlp-service") String name,
        @NotNull @DefaultValue List<String> members,
        @Min(1) @Max(65535) @DefaultValue("5701") int port,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("60s") Duration heartbeatTimeout,
        String networkInterface) {
}
