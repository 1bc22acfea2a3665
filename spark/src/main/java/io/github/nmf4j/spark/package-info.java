/**
 * NMF of a distributed V on Apache Spark: {@link io.github.nmf4j.spark.SparkNmf}, a Spark ML
 * estimator that runs the nmf4j-core solvers inside each partition ({@link
 * io.github.nmf4j.nmf.DistributedNmf}) and gives the core's factors for the same seed, and its
 * model {@link io.github.nmf4j.spark.SparkNmfModel}.
 */
package io.github.nmf4j.spark;
