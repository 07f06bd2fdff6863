package io.mlpservice.model;

import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/** A prediction asked of a model that has no trained version yet. */
public class ModelNotTrainedException extends ServiceException {

    public ModelNotTrainedException(ModelRecord model) {
        super(ProblemType.MODEL_NOT_TRAINED, "model '" + model.id() + "' has no trained weights yet"
                + (model.activeJobId() != null
                        ? "; its training job '" + model.activeJobId() + "' is under way"
                        : "; submit a training job for it first"));
    }
}
