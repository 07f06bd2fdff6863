package io.mlpservice.model.export;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.model.ModelBrokenException;
import io.mlpservice.model.ModelNotTrainedException;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.ModelVersion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;

/**
 * Exports a model version as a portable document or an ONNX model, and imports a document as a
 * new model whose version 1 holds its weights. An import is checked whole before anything is
 * created; the model is then created under the same limits as any other.
 */
@Service
public class ModelExportService {

    private final ModelService models;
    private final ModelRegistry registry;
    private final MatMul matMul;
    private final MlpServiceProperties.Limits limits;

    ModelExportService(ModelService models, ModelRegistry registry, MatMul matMul, MlpServiceProperties properties) {
        this.models = models;
        this.registry = registry;
        this.matMul = matMul;
        this.limits = properties.limits();
    }

    /** An ONNX model and the file name it is offered under. */
    public record OnnxModel(String fileName, byte[] bytes) {
    }

    /**
     * The document of a version: the one named, else the serving one.
     *
     * @throws ModelNotTrainedException when no version serves and none is named
     * @throws ModelBrokenException     when the weights fail verification
     */
    public PortableModel export(String id, Integer versionNumber) {
        ModelRecord model = models.get(id);
        ModelVersion version = registry.versionToUse(model, versionNumber);
        Network network = registry.serving(model, version);
        return PortableModel.from(model, version, network);
    }

    /** The same version as {@link #export}, as an ONNX model written from its document. */
    public OnnxModel onnx(String id, Integer versionNumber) {
        PortableModel document = export(id, versionNumber);
        String base = fileBase(document.name()) + "-v" + document.source().version();
        return new OnnxModel(base + ".onnx", OnnxWriter.write(document.decode(limits), base));
    }

    /**
     * Creates a model from a document, named {@code name} or else as in the document, with
     * version 1 holding the document's weights; it serves at once.
     *
     * @throws InvalidInputException naming each fault of the document
     */
    public ModelRecord importModel(PortableModel document, String name) {
        if (name != null && name.length() > DocumentCheck.MAX_NAME) {
            throw new InvalidInputException("name", "name has " + name.length() + " characters; at most "
                    + DocumentCheck.MAX_NAME);
        }
        DecodedModel decoded = document.decode(limits);
        Network network = decoded.toNetwork(matMul);
        ModelRecord model = models.create(decoded.toCreateModel(name != null ? name : decoded.name()));
        try {
            registry.publish(model.id(), null, network, decoded.metrics(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        } catch (RuntimeException failed) {
            registry.find(model.id()).ifPresent(created -> models.delete(created.id()));  // no model without weights
            throw failed;
        }
        return registry.get(model.id());
    }

    // A file name anyone's shell and file system take: letters, digits, '.', '_' and '-'
    private static String fileBase(String name) {
        String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        safe = safe.length() > 100 ? safe.substring(0, 100) : safe;
        return safe.isEmpty() ? "model" : safe;
    }
}
