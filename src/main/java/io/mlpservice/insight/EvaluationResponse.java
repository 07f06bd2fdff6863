package io.mlpservice.insight;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model version did on some rows, with the figures scikit-learn's metrics give on the same
 * predictions: for a classifier accuracy, log loss, macro and weighted F1, per-class precision,
 * recall, F1 and support, and the confusion matrix; for a regression mse, rmse, mae and r2.
 * The members of the other kind are absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The model's figures on the rows: a classifier's or a regression's")
public record EvaluationResponse(
        @Schema(description = "The version evaluated", example = "1")
        int version,
        @Schema(description = "Rows evaluated", example = "150")
        long rows,
        @Schema(description = "Fraction of rows whose most probable class is the true one", example = "0.98")
        Double accuracy,
        @Schema(description = "Mean of -ln p(true class), each p clipped to [2.2e-16, 1 - 2.2e-16] as scikit-learn's "
                + "log_loss", example = "0.061")
        Double logLoss,
        @Schema(description = "Unweighted mean F1 over the classes among the true or predicted ones", example = "0.98")
        Double macroF1,
        @Schema(description = "Mean F1 weighted by each class's support", example = "0.98")
        Double weightedF1,
        @Schema(description = "Per class, in the model's class order; 0 where a ratio has no denominator")
        Map<String, ClassReport> perClass,
        @Schema(description = "Counts of rows by true class (rows) and predicted class (columns)")
        ConfusionMatrix confusionMatrix,
        @Schema(description = "Mean squared error (a regression)")
        Double mse,
        @Schema(description = "Root mean squared error, per output then averaged (a regression)")
        Double rmse,
        @Schema(description = "Mean absolute error (a regression)")
        Double mae,
        @Schema(description = "Coefficient of determination, averaged over the outputs; absent with fewer than 2 rows "
                + "(a regression)")
        Double r2) {

    /** One class's figures. */
    public record ClassReport(
            @Schema(example = "1.0") double precision,
            @Schema(example = "0.96") double recall,
            @Schema(example = "0.98") double f1,
            @Schema(description = "Rows of this true class", example = "50") long support) {
    }

    /** {@code matrix[true][predicted]}, both in the order of {@code labels}. */
    public record ConfusionMatrix(List<String> labels, long[][] matrix) {
    }

    static EvaluationResponse classification(int version, List<String> classes, ClassificationTally tally) {
        Map<String, ClassReport> perClass = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            ClassificationTally.ClassFigures f = tally.figures(c);
            perClass.put(classes.get(c), new ClassReport(f.precision(), f.recall(), f.f1(), f.support()));
        }
        return new EvaluationResponse(version, tally.rows(), tally.accuracy(), tally.logLoss(), tally.macroF1(),
                tally.weightedF1(), perClass, new ConfusionMatrix(classes, tally.confusion()),
                null, null, null, null);
    }

    static EvaluationResponse regression(int version, RegressionTally tally) {
        return new EvaluationResponse(version, tally.rows(), null, null, null, null, null, null,
                tally.mse(), tally.rmse(), tally.mae(), tally.r2());
    }
}
