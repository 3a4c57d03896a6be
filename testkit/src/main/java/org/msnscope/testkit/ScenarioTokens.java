package org.msnscope.testkit;

import java.util.ArrayList;
import java.util.List;

/** Splits one {@code .scn} line into tokens: whitespace separates, "quoted strings" stay whole, # starts a comment. */
final class ScenarioTokens {
    private ScenarioTokens() {
    }

    static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            int start = i;
            if (c == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') {
                    i += line.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated string");
                }
                i++;
                if (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t' && line.charAt(i) != '#') {
                    throw new IllegalArgumentException("text right after a closing quote");
                }
            } else {
                while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                    i++;
                }
            }
            tokens.add(line.substring(start, i));
        }
        return tokens;
    }
}
