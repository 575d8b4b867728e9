package io.github.coordconv.notebooks.kernel;

import java.util.List;

/** The front end interrupted the cell before it finished. */
public final class CellInterruptedException extends CellException {

    CellInterruptedException(String message) {
        super(message, List.of(message));
    }
}
