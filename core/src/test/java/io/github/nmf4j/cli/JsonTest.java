package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesFieldsInOrderWithJsonNumbers() {
    String line = new Json().put("command", "fit").put("rows", 3).put("big", 12345678901L)
        .put("seconds", 0.25).put("whole", 2.0).put("tiny", 1e-300).put("converged", true)
        .put("nan", Double.NaN).put("inf", Double.NEGATIVE_INFINITY).put("none", null)
        .put("list", List.of(1, 2.5)).put("nested", new Json().put("a", 1)).toString();
    assertThat(line).isEqualTo("{\"command\":\"fit\",\"rows\":3,\"big\":12345678901,"
        + "\"seconds\":0.25,\"whole\":2,\"tiny\":1.0E-300,\"converged\":true,\"nan\":null,"
        + "\"inf\":null,\"none\":null,\"list\":[1,2.5],\"nested\":{\"a\":1}}");
    Map<String, Object> parsed = JsonParser.object(line);
    assertThat(parsed.get("tiny")).isEqualTo(1e-300);
    assertThat(parsed).containsKeys("command", "rows", "seconds");
  }

  @Test
  void escapesEveryStringSoThatItParsesBack() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int t = 0; t < 200; t++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(0, 20);
      for (int i = 0; i < n; i++) {
        int kind = rnd.nextInt(4);
        sb.append(switch (kind) {
          case 0 -> (char) rnd.nextInt(0, 0x20);
          case 1 -> "\"\\/'".charAt(rnd.nextInt(4));
          case 2 -> (char) rnd.nextInt(0x20, 0x7f);
          default -> (char) rnd.nextInt(0x80, 0xd7ff);
        });
      }
      String s = sb.toString();
      String line = new Json().put(s, s).toString();
      assertThat(line).doesNotContain("\n", "\r");
      assertThat(JsonParser.object(line)).containsEntry(s, s);
    }
    assertThat(new Json().put("p", "C:\\dir\\\"x\"\n").toString())
        .isEqualTo("{\"p\":\"C:\\\\dir\\\\\\\"x\\\"\\n\"}");
  }
}
