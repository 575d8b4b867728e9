package io.github.coordconv.notebooks.kernel;

import io.github.coordconv.notebooks.Display;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Java (CoordConv)" Jupyter kernel: jjava-jupyter's {@link BaseKernel} handles the Jupyter
 * protocol, and a {@link JShellEvaluator} runs the cells.
 *
 * <p>The value of a cell's last expression is shown with jjava-jupyter's renderer: images as PNG,
 * XChart charts as PNG (registered here), anything else as {@code String.valueOf}. The kernel has
 * no magics ({@code %classpath}, {@code %maven}): the project's jars are on its class path.
 */
public final class CoordConvKernel extends BaseKernel {

    /** Name that the kernel reports in {@code kernel_info_reply}. */
    public static final String NAME = "coordconv-java";

    private static final Logger LOG = LoggerFactory.getLogger(CoordConvKernel.class);

    private static final String INDENT = "    ";

    private final JShellEvaluator evaluator;
    private final KernelIO kernelIO;

    /** Creates the kernel. {@link #onStartup()} makes it the JVM's notebook kernel. */
    public CoordConvKernel(JShellEvaluator evaluator) {
        this(evaluator, new KernelIO());
    }

    private CoordConvKernel(JShellEvaluator evaluator, KernelIO kernelIO) {
        super(
                NAME,
                kernelVersion(),
                new LanguageInfo.Builder("java")
                        .version(Runtime.version().toString())
                        .mimetype("text/x-java-source")
                        .fileExtension(".jshell")
                        .pygments("java")
                        .codemirror("text/x-java")
                        .build(),
                List.of(
                        new HelpLink(
                                "Java 17 API",
                                "https://docs.oracle.com/en/java/javase/17/docs/api/")),
                null,
                kernelIO,
                new CommManager(),
                new Renderer(),
                null,
                new MagicsRegistry(),
                false,
                new StringStyler.Builder()
                        .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                        .addSecondaryStyle(TextColor.BOLD_RED_FG)
                        .addHighlightStyle(TextColor.BOLD_RESET_FG)
                        .build());
        this.evaluator = evaluator;
        this.kernelIO = kernelIO;
        registerChartRenderer(renderer);
    }

    /**
     * Runs a cell as {@link BaseKernel} does, but reports a {@link CellException} with the cell's
     * own traceback in both the {@code error} output and the {@code execute_reply}. nbclient, and
     * so nbconvert, prints the reply's traceback when a cell fails, and BaseKernel would put this
     * kernel's stack trace there.
     */
    @Override
    protected synchronized void handleExecuteRequest(
            ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();

        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        replaceOutputStreams(env);
        kernelIO.attach(env, request.isStdinEnabled());
        env.defer(() -> kernelIO.detach(env));

        try {
            DisplayData result = eval(request.getCode());
            if (result != null) {
                env.publish(new PublishExecuteResult(count, result));
            }
            // The one-argument ExecuteReply constructor makes a reply with status "error".
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (CellException e) {
            List<String> traceback = formatError(e);
            env.publish(new PublishError(e.errorName(), e.errorValue(), traceback));
            ErrorReply reply = new ErrorReply(e.errorName(), e.errorValue(), traceback);
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        } catch (RuntimeException | Error e) {
            // Reported, not rethrown: jjava-jupyter's shell loop sends no execute_reply for an
            // exception and ends on an Error, so Jupyter would wait for the reply until it times
            // out. Rendering a value calls user code (toString), which may throw anything.
            LOG.error("Cell {} failed inside the kernel", count, e);
            String name = e.getClass().getName();
            String value = Objects.toString(e.getMessage(), "");
            List<String> traceback = formatError(e);
            env.publish(new PublishError(name, value, traceback));
            ErrorReply reply = new ErrorReply(name, value, traceback);
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
    }

    @Override
    public Object evalRaw(String source) {
        return evaluator.eval(source);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<Documentation> documentation =
                evaluator.sourceCodeAnalysis().documentation(code, at, extraDetail);
        if (documentation.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Documentation entry : documentation) {
            parts.add(entry.signature());
            if (entry.javadoc() != null && !entry.javadoc().isBlank()) {
                parts.add(entry.javadoc());
            }
        }
        return new DisplayData(String.join("\n\n", parts));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<Suggestion> suggestions =
                evaluator.sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        Set<String> replacements = new LinkedHashSet<>();
        for (Suggestion suggestion : suggestions) {
            replacements.add(suggestion.continuation());
        }
        return new ReplacementOptions(new ArrayList<>(replacements), anchor[0], at);
    }

    /**
     * Returns {@link #IS_COMPLETE_YES}, {@link #IS_COMPLETE_BAD}, or the indent for the next line
     * when the code is incomplete (an open block or statement).
     */
    @Override
    public String isComplete(String code) {
        SourceCodeAnalysis analysis = evaluator.sourceCodeAnalysis();
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && info.completeness() != Completeness.UNKNOWN) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case EMPTY, COMPLETE, COMPLETE_WITH_SEMI -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> nextIndent(info.remaining());
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        evaluator.close();
    }

    /** Formats a {@link CellException} as its own traceback, other exceptions as stack traces. */
    @Override
    public List<String> formatError(Throwable e) {
        if (!(e instanceof CellException cellException)) {
            return super.formatError(e);
        }
        List<String> lines = new ArrayList<>();
        List<String> traceback = cellException.traceback();
        for (int i = 0; i < traceback.size(); i++) {
            String line = traceback.get(i);
            lines.add(i == 0 ? errorStyler.secondary(line) : line);
        }
        return lines;
    }

    /** Indent of the last line, plus one level if it opens a block or a parenthesis. */
    private static String nextIndent(String code) {
        // JShell appends a line break to incomplete code, so the last line with code counts.
        String withoutTrailingBlanks = code.stripTrailing();
        String lastLine =
                withoutTrailingBlanks.substring(withoutTrailingBlanks.lastIndexOf('\n') + 1);
        String indent = lastLine.substring(0, lastLine.length() - lastLine.stripLeading().length());
        String trimmed = lastLine.strip();
        return trimmed.endsWith("{") || trimmed.endsWith("(") ? indent + INDENT : indent;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void registerChartRenderer(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register(
                        (chart, context) ->
                                context.renderIfRequested(
                                        MIMEType.IMAGE_PNG,
                                        () ->
                                                Display.pngBase64(
                                                        BitmapEncoder.getBufferedImage(
                                                                (Chart) chart))));
    }

    private static String kernelVersion() {
        Properties properties = new Properties();
        try (InputStream in = CoordConvKernel.class.getResourceAsStream("kernel.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading kernel.properties failed", e);
        }
        return properties.getProperty("version", "unknown");
    }
}
