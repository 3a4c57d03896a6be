package org.msnscope.capture;

/** Receives the problems a {@link PacketSource} reports without stopping. */
@FunctionalInterface
public interface CaptureProblemListener {
    void problem(CaptureProblem problem);

    CaptureProblemListener IGNORE = p -> { };
}
