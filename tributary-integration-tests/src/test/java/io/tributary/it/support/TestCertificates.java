package io.tributary.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests, made in-process with BouncyCastle (milliseconds, no keytool child processes): a CA,
 * a broker certificate for localhost / 127.0.0.1, and a client certificate. Written as PKCS12 stores and PEM.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-secret";
    public static final String CLIENT_DN = "CN=client-1,OU=apps,O=Tributary";

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final X509Certificate broker;
    private final PrivateKey brokerKey;

    private TestCertificates(Path dir, KeyPair caKeys, X509Certificate ca, X509Certificate broker,
                             PrivateKey brokerKey) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.ca = ca;
        this.broker = broker;
        this.brokerKey = brokerKey;
    }

    public static TestCertificates create(Path dir) {
        try {
            KeyPair caKeys = keys();
            X500Name caName = name("CN=Tributary Test CA");
            X509Certificate ca = sign(caName, caKeys, caName, caKeys, true, null);
            KeyPair brokerKeys = keys();
            X509Certificate broker = sign(name("CN=localhost,O=Tributary"), brokerKeys, caName, caKeys, false,
                    new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            KeyPair clientKeys = keys();
            X509Certificate client = sign(name(CLIENT_DN), clientKeys, caName, caKeys, false, null);
            TestCertificates certificates = new TestCertificates(dir, caKeys, ca, broker, brokerKeys.getPrivate());
            certificates.store("broker.p12", "broker", brokerKeys.getPrivate(), broker, ca);
            certificates.store("client.p12", "client", clientKeys.getPrivate(), client, ca);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return certificates;
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Could not create test certificates", e);
        }
    }

    /**
     * Another broker certificate for the same names from the same CA (a renewed certificate), in its own PKCS12
     * store; returns the store and the certificate's serial number.
     */
    public Map.Entry<Path, BigInteger> renewedBrokerKeystore(String file) {
        try {
            KeyPair keys = keys();
            X509Certificate renewed = sign(name("CN=localhost,O=Tributary"), keys, name("CN=Tributary Test CA"), caKeys,
                    false, new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            store(file, "broker", keys.getPrivate(), renewed, ca);
            return Map.entry(dir.resolve(file), renewed.getSerialNumber());
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Could not renew the broker certificate", e);
        }
    }

    public BigInteger brokerSerial() {
        return broker.getSerialNumber();
    }

    public Path brokerKeystore() {
        return dir.resolve("broker.p12");
    }

    public Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** The broker's certificate chain as PEM (inline ssl.keystore.certificate.chain). */
    public String brokerChainPem() {
        return pem(broker) + pem(ca);
    }

    /** The broker's private key as unencrypted PKCS#8 PEM (inline ssl.keystore.key). */
    public String brokerKeyPem() {
        try {
            return pem(new JcaPKCS8Generator(brokerKey, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String caPem() {
        return pem(ca);
    }

    /** Broker settings of a TLS listener with PKCS12 stores; prefix e.g. {@code listener.name.ssl.} or empty. */
    public Map<String, Object> brokerSsl(String prefix) {
        Map<String, Object> config = new HashMap<>();
        config.put(prefix + SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
        config.put(prefix + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, brokerKeystore().toString());
        config.put(prefix + SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, PASSWORD);
        config.put(prefix + SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(prefix + SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore().toString());
        config.put(prefix + SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, PASSWORD);
        return config;
    }

    /** Client settings for {@code protocol} (SSL or SASL_SSL) trusting the test CA; with the client certificate. */
    public Map<String, Object> clientSsl(String protocol, boolean withCertificate) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore().toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, PASSWORD);
        if (withCertificate) {
            config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
            config.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, clientKeystore().toString());
            config.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, PASSWORD);
        }
        return config;
    }

    private void store(String file, String alias, PrivateKey key, X509Certificate certificate, X509Certificate issuer)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, PASSWORD.toCharArray(), new X509Certificate[] {certificate, issuer});
        try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    /** Parsed as RFC 2253, so that the certificate's name reads back (X500Principal.getName()) as written. */
    private static X500Name name(String rfc2253) {
        return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        boolean isCa, GeneralNames altNames)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (altNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
