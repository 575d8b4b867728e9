package io.github.coordconv.notebooks.kernel;

import java.util.List;

/**
 * A cell did not compile: a syntax or type error, incomplete code at the end of the cell, or a
 * declaration that refers to something that is not declared.
 */
public final class CellCompilationException extends CellException {

    CellCompilationException(String message, List<String> traceback) {
        super(message, traceback);
    }
}
