import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.nio.file.Path;

/**
 * Writes nmf4j's HALS factors of FOLDOC at rank 20 after ITERATIONS iterations from its NNDSVDA
 * start to w.npy and h.npy (the start of benchmarks/sparse/hals_extrapolation.py). From the
 * repository's root: {@code java -cp core/target/classes benchmarks/sparse/HalsStart.java 1}.
 */
public class HalsStart {
  public static void main(String[] args) throws Exception {
    SparseMatrix v = MatrixIo.readSparse(Path.of("benchmarks/data/foldoc-bench.npz"));
    NmfModel m = Nmf.builder().rank(20).solver(Solver.HALS)
        .initialization(Initialization.NNDSVDA).seed(0)
        .maxIterations(args.length > 0 ? Integer.parseInt(args[0]) : 1).tolerance(0).fit(v);
    System.out.println("error " + m.reconstructionError() + " after " + m.iterations());
    MatrixIo.write(Path.of("w.npy"), m.w());
    MatrixIo.write(Path.of("h.npy"), m.h());
  }
}
