package io.mlpservice.model;

import io.mlpservice.error.ServiceException;
import io.mlpservice.error.ProblemType;
import java.util.Map;

/** A training job submitted while another job of the same model is queued or running (409). */
public class ModelBusyException extends ServiceException {

    private final String activeJobId;

    public ModelBusyException(String modelId, String activeJobId) {
        super(ProblemType.MODEL_BUSY, "model '" + modelId + "' already has training job '" + activeJobId
                + "' queued or running; wait for it to finish or cancel it");
        this.activeJobId = activeJobId;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("activeJobId", activeJobId);
    }
}
