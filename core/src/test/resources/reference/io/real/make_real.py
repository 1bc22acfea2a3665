"""Fixtures for RealFilesTest: small files as ordinary tools write them.

The matrix in every file is X = [[1.5, 0, 2], [0, 3.25, 100000]] (labels: setosa, setosa,
versicolor, virginica, or 0, 0, 1, 2). NumPy and SciPy files are written by the libraries
(numpy 1.24.2, scipy 1.10.1). pandas and R are not installed here, so their output is written
as text, byte for byte what pandas 2.x DataFrame.to_csv and R 4.x write.csv/write.table write
(checked by hand against those tools' documented defaults).

Run from this directory: python3 make_real.py
"""
import numpy as np
import scipy.sparse as sp

X = np.array([[1.5, 0, 2], [0, 3.25, 1e5]])


def text(name, content, encoding="utf-8"):
    with open(name, "wb") as f:
        f.write(content.encode(encoding))


# pandas: pd.DataFrame(X, columns=list("abc")).to_csv(f) writes the index as a first column
# under an empty header cell; pd.DataFrame(X).to_csv(f, index=False) names the columns 0, 1, 2.
text("pandas_index.csv", ",a,b,c\n0,1.5,0.0,2.0\n1,0.0,3.25,100000.0\n")
text("pandas_columns.csv", "0,1,2\n1.5,0.0,2.0\n0.0,3.25,100000.0\n")
text("pandas_columns_index.csv", ",0,1,2\n0,1.5,0.0,2.0\n1,0.0,3.25,100000.0\n")
# pandas writes NaN as an empty field (na_rep=''): refused, with what to do.
text("pandas_nan.csv", "a,b,c\n1.5,,2.0\n0.0,3.25,100000.0\n")
# R: write.csv(df) quotes the header and writes row names under an empty header cell;
# write.table(df) separates by spaces and its header has no cell above the row names; NA.
text("r_write_csv.csv", '"","a","b","c"\n"1",1.5,0,2\n"2",0,3.25,1e+05\n')
text("r_write_table.txt", '"a" "b" "c"\n"1" 1.5 0 2\n"2" 0 3.25 1e+05\n')
# write.table quotes names with spaces (a matrix's dimnames, or check.names=FALSE).
text("r_write_table_spaces.txt",
     '"leaf length" "b" "c"\n"plant 1" 1.5 0 2\n"plant #2" 0 3.25 1e+05\n')
text("r_na.csv", '"a","b","c"\n1.5,NA,2\n0,3.25,1e+05\n')
# numpy.savetxt with a space delimiter into a .csv file; a header without the comment mark.
np.savetxt("savetxt_space.csv", X, delimiter=" ")
np.savetxt("savetxt_header.txt", X, header="a b c", comments="")
# LibreOffice / Excel in a German locale: semicolons, decimal commas, CRLF, BOM.
text("excel_decimal_comma.csv", "\ufeffa;b;c\r\n1,5;0;2\r\n0;3,25;100000\r\n")
# Labels: class names as strings, with and without a header, with an index column.
text("labels_strings.csv", "setosa\nsetosa\nversicolor\nvirginica\n")
text("labels_strings_header.csv", "species\nsetosa\nsetosa\nversicolor\nvirginica\n")
text("labels_pandas_index.csv", ",species\n0,setosa\n1,setosa\n2,versicolor\n3,virginica\n")
text("labels_r.csv", '"","x"\n"1","setosa"\n"2","setosa"\n"3","versicolor"\n"4","virginica"\n')
np.save("labels_strings.npy", np.array(["setosa", "setosa", "versicolor", "virginica"]))
# numpy.savez of a dense array (not a scipy.sparse file): one array is read as that array.
np.savez("savez_dense.npz", X)
np.savez_compressed("savez_compressed_dense.npz", data=X)
np.savez("savez_two.npz", X, X)
# float16 (half precision): its largest value, the smallest subnormal, -0, inf and nan.
H = np.array([[1.5, -0.0, 2.0**-24], [np.inf, np.nan, 65504]])
np.save("float16.npy", H.astype("<f2"))
np.save("float16_be.npy", H.astype(">f2"))
np.save("object.npy", np.array([[1.5, 0]], dtype=object), allow_pickle=True)
# pandas with a named index (df.index.name = "id"): the names are refused, saying what to do.
text("pandas_named_index.csv", "id,a,b,c\nx,1.5,0.0,2.0\ny,0.0,3.25,100000.0\n")
# the same as pandas writes it with to_csv(index_label=False): header one field shorter.
text("pandas_index_label_false.csv", "a,b,c\nx,1.5,0.0,2.0\ny,0.0,3.25,100000.0\n")
# Excel's "Unicode text" is UTF-16 with a byte order mark.
text("excel_unicode.txt", "1.5\t0\t2\r\n0\t3.25\t100000\r\n", encoding="utf-16")
