package io.github.coordconv.experiments.report;

import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.RunSpec;

/** Names the budget whose training settings a spec uses. */
final class Budgets {

    private Budgets() {}

    /** Returns {@code quick} or {@code full} when the settings equal that budget's, else custom. */
    static String name(RunSpec spec) {
        for (Budget budget : Budget.values()) {
            if (budget.training(spec.task(), spec.model()).equals(spec.training())) {
                return budget.cliName();
            }
        }
        return "custom";
    }
}
