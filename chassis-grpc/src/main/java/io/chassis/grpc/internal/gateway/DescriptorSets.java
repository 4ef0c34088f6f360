package io.chassis.grpc.internal.gateway;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import io.chassis.config.ConfigRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The comments of {@code .proto} files for the OpenAPI document. protoc's Java output keeps no source
 * info, so the comments come from descriptor sets written with it ({@code protoc --include_source_info},
 * or the protobuf-maven-plugin's {@code includeSourceInfoInDescriptorSet}), named in {@code
 * chassis.grpc.gateway.openapi.descriptor-sets}: {@code classpath:name.desc} or a file path.
 */
public final class DescriptorSets {

    static final String PATH = "chassis.grpc.gateway.openapi.descriptor-sets";

    private DescriptorSets() {}

    /**
     * Reads every set; a missing or unreadable one is a problem in {@code rules}.
     *
     * @param entries the configured list
     * @param rules where problems go, with the file and line of the setting
     * @return the source info of each file in the sets that has any, by file name ({@code pkg/v1/x.proto})
     */
    public static Map<String, SourceCodeInfo> load(List<String> entries, ConfigRules rules) {
        Map<String, SourceCodeInfo> byFile = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            FileDescriptorSet set;
            try {
                set = read(entry);
            } catch (IOException e) {
                rules.require(
                        false,
                        PATH + "[" + i + "]",
                        "name a readable descriptor set (" + e.getMessage() + ")",
                        entry,
                        "Use classpath:<resource> or a file path of a set written with source info.");
                continue;
            }
            for (FileDescriptorProto file : set.getFileList()) {
                if (file.getSourceCodeInfo().getLocationCount() > 0) {
                    byFile.putIfAbsent(file.getName(), file.getSourceCodeInfo());
                }
            }
        }
        return byFile;
    }

    private static FileDescriptorSet read(String entry) throws IOException {
        if (entry.startsWith("classpath:")) {
            String resource = entry.substring("classpath:".length()).replaceFirst("^/", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = DescriptorSets.class.getClassLoader();
            }
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no such resource on the class path");
                }
                return FileDescriptorSet.parseFrom(in);
            }
        }
        try (InputStream in = Files.newInputStream(Path.of(entry))) {
            return FileDescriptorSet.parseFrom(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("no such file");
        }
    }
}
