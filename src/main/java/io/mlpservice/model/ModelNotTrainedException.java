package io.mlpservice.model;

import io.mlpservice.web.ApiException;
import io.mlpservice.web.ProblemType;

/** A prediction asked of a model that has no trained weights yet (409). */
public class ModelNotTrainedException extends ApiException {

    public ModelNotTrainedException(Model model) {
        super(ProblemType.MODEL_NOT_TRAINED, "model '" + model.id() + "' has no trained weights yet"
                + (model.status() == ModelStatus.TRAINING
                        ? "; its first training job is under way, see /api/v1/training-jobs/" + model.activeJobId()
                        : "; submit a training job to /api/v1/models/" + model.id() + "/training-jobs first"));
    }
}
