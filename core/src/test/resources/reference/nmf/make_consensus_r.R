# Reference values for io.github.nmf4j.nmf.ConsensusTest from R's NMF package (Gaujoux and
# Seoighe 2010), the package of Brunet et al.'s consensus method.
#
# Run from this directory:  Rscript make_consensus_r.R   (Debian: apt-get install r-cran-nmf)
#
# Only the scoring is compared: NMF::cophcor() and NMF::dispersion() of given consensus matrices.
# R's own nmf(V, rank, nrun = ...) runs draw their random starts from R's generator and cannot
# give our runs. For a plain matrix C, NMF's methods are
#   cophcor(C)    = cor(as.dist(1 - C), cophenetic(hclust(as.dist(1 - C), "average"))),
#                   and 1 if C is the identity (all off-diagonal entries 0);
#   dispersion(C) = sum(4 * (C - 1/2)^2) / nrow(C)^2        (Kim and Park 2007).
# The script prints both method bodies to the console so a reader can check them.
#
# A consensus matrix is stored as what a Consensus counts: "together" (n x n, how many of the
# runs put i and j in one cluster, runs on the diagonal) and "runs"; C = together / runs is
# the same IEEE division in R and in Java, so both score bit-identical matrices.
# Cases: stable, noise and fewruns are the matrices of consensus.txt (made by
# make_consensus_fixtures.py with NumPy's generator), read back and turned into counts; the
# others are drawn here with R's generator.
#
# Output: blocks "name rows cols" followed by rows of numbers (Fixture's format); scores with
# 17 significant digits, so they round-trip exactly; NA as "nan".

suppressPackageStartupMessages(library(NMF))

set.seed(20261205, kind = "Mersenne-Twister", normal.kind = "Inversion",
         sample.kind = "Rejection")

# labels: runs x n matrix of cluster labels, one row per run
together <- function(labels) {
  n <- ncol(labels)
  counts <- matrix(0L, n, n)
  for (r in seq_len(nrow(labels))) {
    counts <- counts + outer(labels[r, ], labels[r, ], "==")
  }
  counts
}

# the blocks of Fixture's format in a file
read_fixture <- function(path) {
  lines <- readLines(path)
  lines <- lines[!grepl("^#", lines) & nzchar(trimws(lines))]
  blocks <- list()
  i <- 1
  while (i <= length(lines)) {
    head <- strsplit(trimws(lines[i]), "[[:space:]]+")[[1]]
    rows <- as.integer(head[2])
    cols <- as.integer(head[3])
    body <- lines[i + seq_len(rows)]
    values <- as.numeric(unlist(strsplit(trimws(body), "[[:space:]]+")))
    blocks[[head[1]]] <- matrix(values, rows, cols, byrow = TRUE)
    i <- i + rows + 1
  }
  blocks
}

cases <- list()

# 1. The matrices of consensus.txt: shares of 20, 30 and 3 runs.
scipy <- read_fixture("consensus.txt")
for (case in list(list("stable", 20L), list("noise", 30L), list("fewruns", 3L))) {
  name <- case[[1]]
  runs <- case[[2]]
  c <- scipy[[paste0(name, "_c")]]
  counts <- round(c * runs)
  # the counts give back every entry as read (within the parser's last bit)
  stopifnot(max(abs(counts / runs - c)) <= 1e-15)
  cases[[name]] <- list(together = counts, runs = runs)
}

# 2. A perfectly stable clustering: three groups (4, 5, 6 samples) in shuffled order, 10 runs
#    that agree: C of zeros and ones.
groups <- sample(rep(1:3, c(4, 5, 6)))
cases[["blocks"]] <- list(together = together(t(replicate(10, groups))), runs = 10L)

# 3. Pure noise: 40 runs of 22 samples, labels uniform in 1..4.
cases[["noise40"]] <- list(together = together(matrix(sample.int(4, 40 * 22, TRUE), 40, 22)),
                           runs = 40L)

# 4. Two runs, labels uniform in 1..3: C in {0, 1/2, 1}, nearly every distance tied.
cases[["tworuns"]] <- list(together = together(matrix(sample.int(3, 2 * 10, TRUE), 2, 10)),
                           runs = 2L)

# 5. Four groups of 4, 4 runs in which each label is replaced by a random one with
#    probability 1/4: C in quarters, many ties, with structure.
truth <- rep(1:4, each = 4)
noisy <- t(replicate(4, ifelse(runif(16) < 0.25, sample.int(4, 16, TRUE), truth)))
cases[["fourruns"]] <- list(together = together(noisy), runs = 4L)

# 6. Rank too high: two true groups of 7, and each of 12 runs splits the second group at
#    random into two clusters.
split <- t(replicate(12, c(rep(1L, 7), sample(2:3, 7, TRUE))))
cases[["split"]] <- list(together = together(split), runs = 12L)

# 7. No ties: counts of a million runs drawn without repetition, so no two distances (and, but
#    by a vanishing chance, no two averages of them) are equal and average linkage has one
#    tree. Noise (20 samples), and two groups (9 + 9) whose within counts are the larger.
distinct <- function(n, within) {
  runs <- 1000000L
  counts <- matrix(runs, n, n)
  low <- sample.int(runs %/% 2, n * (n - 1) / 2)
  high <- runs %/% 2 + low
  upper <- which(upper.tri(counts))
  pick <- if (is.null(within)) low else ifelse(within[upper], high, low)
  counts[upper] <- pick
  counts[lower.tri(counts)] <- t(counts)[lower.tri(counts)]
  list(together = counts, runs = runs)
}
cases[["distinct"]] <- distinct(20, NULL)
cases[["distinctgroups"]] <- distinct(18, outer(rep(1:2, 9), rep(1:2, 9), "=="))

# 8. Degenerate: every run puts every sample alone (C = identity; NMF's special case gives 1)
#    or all together (C all ones: every distance 0, cor() has no variance and gives NA), and
#    two samples (one pair: cor() of one value is NA).
cases[["alone"]] <- list(together = together(t(replicate(5, 1:6))), runs = 5L)
cases[["onecluster"]] <- list(together = together(matrix(1L, 5, 6)), runs = 5L)
cases[["pair"]] <- list(together = together(matrix(c(1L, 2L, 1L, 1L, 2L, 1L), 3, 2,
                                                   byrow = TRUE)), runs = 3L)

cat("NMF::cophcor for a matrix:\n")
print(getMethod("cophcor", "matrix"))
cat("NMF::dispersion for a matrix:\n")
print(getMethod("dispersion", "matrix"))

number <- function(x) {
  if (is.na(x)) "nan" else sprintf("%.17g", x)
}

out <- file("consensus_r.txt", "w")
writeLines(c(
  "# consensus matrices (as counts of runs) and R NMF's cophcor() and dispersion() of them",
  sprintf("# made by make_consensus_r.R with %s and NMF %s; do not edit",
          R.version.string, as.character(packageVersion("NMF")))), out)
for (name in names(cases)) {
  counts <- cases[[name]]$together
  runs <- cases[[name]]$runs
  c <- counts / runs
  coph <- suppressWarnings(cophcor(c))
  disp <- dispersion(c)
  cat(sprintf("%-9s n = %2d runs = %2d cophcor = %s dispersion = %s\n", name, nrow(c), runs,
              number(coph), number(disp)))
  writeLines(sprintf("%s_together %d %d", name, nrow(c), ncol(c)), out)
  writeLines(apply(counts, 1, function(row) paste(sprintf("%d", as.integer(row)), collapse = " ")),
             out)
  writeLines(c(sprintf("%s_runs 1 1", name), sprintf("%d", runs),
               sprintf("%s_cophcor 1 1", name), number(coph),
               sprintf("%s_dispersion 1 1", name), number(disp)), out)
}
close(out)
