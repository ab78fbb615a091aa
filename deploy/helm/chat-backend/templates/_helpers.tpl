{{/*
Shared helpers. The services are keyed by their values section: gateway, message, delivery,
presence, inbox, contacts; each one's component label is "<key>-service", its resources are named
"<fullname>-<key>".
*/}}

{{- define "chat.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chat.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "chat.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The services' keys, in one place. */}}
{{- define "chat.serviceKeys" -}}
gateway message delivery presence inbox contacts web
{{- end }}

{{/*
Who may open a connection to whom: for each service (callee), each of its ports with the callers
admitted to it. The NetworkPolicies, the internal ports and the internal certificates are all
derived from this table, and it is not a value, so that no values file can widen it (the selectors
of the ingress controller and of Prometheus are values: networkPolicy.*). Callers:
  ingress-controller  networkPolicy.ingressControllerNamespaceSelector (and PodSelector)
  monitoring          networkPolicy.monitoringNamespaceSelector (and PodSelector); none when empty
  helm-test           the release's `helm test` pod
  <service key>       that service's pods of the release
Ports: http (the public API), internal (8443: /internal/* over mutual TLS), management (9000: health,
metrics, OpenAPI). A service has an internal port when this table lists callers of it; a service
gets a certificate when it has an internal port or calls one. The ingress-controller entries must
match the services ingress.yaml routes to (the chart tests check it).
*/}}
{{- define "chat.callers" -}}
gateway:
  http: [ingress-controller]
  internal: [delivery]
  management: [monitoring, helm-test]
message:
  http: [ingress-controller]
  internal: [gateway]
  management: [monitoring, helm-test]
delivery:
  management: [monitoring, helm-test]
presence:
  # contacts-service asks for its users' contacts' presence with the user's own token.
  http: [ingress-controller, contacts]
  management: [monitoring, helm-test]
inbox:
  http: [ingress-controller]
  management: [monitoring, helm-test]
contacts:
  http: [ingress-controller]
  management: [monitoring, helm-test]
web:
  http: [ingress-controller]
  management: [monitoring, helm-test]
{{- end }}

{{/* The ports every service's pods open besides the public one: the services' own defaults
(quarkus.management.port, quarkus.http.ssl-port), so the chart sets no variable for them. */}}
{{- define "chat.managementPort" -}}9000{{- end }}
{{- define "chat.internalPort" -}}8443{{- end }}

{{/* The keys of the services that serve an internal port (callee of "internal" in the table). */}}
{{- define "chat.internalServerKeys" -}}
{{- $table := include "chat.callers" . | fromYaml }}
{{- $keys := list }}
{{- range $key := splitList " " (include "chat.serviceKeys" .) }}
{{- if hasKey (index $table $key) "internal" }}
{{- $keys = append $keys $key }}
{{- end }}
{{- end }}
{{- join " " $keys }}
{{- end }}

{{/* The keys of the services that need an internal certificate: they serve or call an internal port. */}}
{{- define "chat.internalTlsKeys" -}}
{{- $table := include "chat.callers" . | fromYaml }}
{{- $keys := list }}
{{- range $key := splitList " " (include "chat.serviceKeys" .) }}
{{- $needs := hasKey (index $table $key) "internal" }}
{{- range $callee, $ports := $table }}
{{- if has $key (default (list) (index $ports "internal")) }}
{{- $needs = true }}
{{- end }}
{{- end }}
{{- if $needs }}
{{- $keys = append $keys $key }}
{{- end }}
{{- end }}
{{- join " " $keys }}
{{- end }}

{{/* Where a service finds its certificate: the services' default chat.tls.directory. */}}
{{- define "chat.internalTlsMountPath" -}}/etc/chat/tls{{- end }}

{{/* The Secret holding one service's internal certificate. Context: dict root, key. */}}
{{- define "chat.internalTlsSecretName" -}}
{{- $tls := .root.Values.internalTls }}
{{- if $tls.generate }}
{{- printf "%s-internal-tls" (include "chat.componentName" .) }}
{{- else }}
{{- $name := index (default (dict) $tls.existingSecrets) .key }}
{{- required (printf "internalTls.existingSecrets.%s is required with internalTls.generate=false: a Secret with tls.crt, tls.key and ca.crt (cert-manager's layout) whose certificate's common name is %s-service" .key .key) $name }}
{{- end }}
{{- end }}

{{/* Labels of the `helm test` pod, by which the NetworkPolicies admit it. Context: the root. */}}
{{- define "chat.testPodSelectorLabels" -}}
{{ include "chat.releaseSelectorLabels" . }}
app.kubernetes.io/component: test
{{- end }}

{{/* Labels of every resource of the release. Context: the root. */}}
{{- define "chat.labels" -}}
helm.sh/chart: {{ include "chat.chart" . }}
{{ include "chat.releaseSelectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: chat-backend
{{- end }}

{{/* Labels that select every pod of the release. Context: the root. */}}
{{- define "chat.releaseSelectorLabels" -}}
app.kubernetes.io/name: {{ include "chat.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels that select one service's pods. Context: dict root, key. */}}
{{- define "chat.selectorLabels" -}}
{{ include "chat.releaseSelectorLabels" .root }}
app.kubernetes.io/component: {{ .key }}-service
{{- end }}

{{/* Labels of one service's resources. Context: dict root, key. */}}
{{- define "chat.componentLabels" -}}
{{ include "chat.labels" .root }}
app.kubernetes.io/component: {{ .key }}-service
{{- end }}

{{/* Name of one service's resources. Context: dict root, key. */}}
{{- define "chat.componentName" -}}
{{- printf "%s-%s" (include "chat.fullname" .root) .key | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* In-cluster base URL of one service's public API. Context: dict root, key. */}}
{{- define "chat.serviceUrl" -}}
{{- $svc := index .root.Values .key }}
{{- printf "http://%s:%d" (include "chat.componentName" .) (int $svc.port) }}
{{- end }}

{{/* In-cluster base URL of one service's internal API (mutual TLS). Context: dict root, key. */}}
{{- define "chat.internalServiceUrl" -}}
{{- printf "https://%s:%s" (include "chat.componentName" .) (include "chat.internalPort" .root) }}
{{- end }}

{{/* In-cluster base URL of one service's management interface. Context: dict root, key. */}}
{{- define "chat.managementUrl" -}}
{{- printf "http://%s:%s" (include "chat.componentName" .) (include "chat.managementPort" .root) }}
{{- end }}

{{/* <registry>/<name>:<tag>. Context: dict root, image (with name and tag). */}}
{{- define "chat.image" -}}
{{- $global := .root.Values.global.image }}
{{- $tag := .image.tag | default $global.tag | default .root.Chart.AppVersion }}
{{- if $global.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $global.registry) .image.name $tag }}
{{- else }}
{{- printf "%s:%s" .image.name $tag }}
{{- end }}
{{- end }}

{{/* A name: value map as container env entries, names sorted. */}}
{{- define "chat.envMap" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/* The pod's security context. Context: the root. */}}
{{- define "chat.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext }}
{{- end }}

{{/* Every container's security context. Context: the root. */}}
{{- define "chat.containerSecurityContext" -}}
{{- toYaml .Values.containerSecurityContext }}
{{- end }}

{{/* The writable /tmp of the read-only root file system: the volume. Context: the root. */}}
{{- define "chat.tmpVolume" -}}
- name: tmp
  emptyDir:
    {{- with .Values.tmpVolume.medium }}
    medium: {{ . }}
    {{- end }}
    {{- with .Values.tmpVolume.sizeLimit }}
    sizeLimit: {{ . }}
    {{- end }}
{{- end }}

{{- define "chat.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{- define "chat.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end }}

{{/* ----------------------------------------------------------------------------------------
Environment of the servers a service uses, named as the README's Configuration table names them.
Context: the root.
*/}}

{{- define "chat.env.cassandra" -}}
- name: QUARKUS_CASSANDRA_CONTACT_POINTS
  value: {{ required "cassandra.contactPoints is required: the Cassandra contact points as host:port[,host:port...]" .Values.cassandra.contactPoints | quote }}
- name: QUARKUS_CASSANDRA_LOCAL_DATACENTER
  value: {{ required "cassandra.localDatacenter is required" .Values.cassandra.localDatacenter | quote }}
- name: QUARKUS_CASSANDRA_KEYSPACE
  value: {{ required "cassandra.keyspace is required" .Values.cassandra.keyspace | quote }}
{{- with .Values.cassandra.existingSecret }}
- name: QUARKUS_CASSANDRA_AUTH_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.cassandra.usernameKey }}
- name: QUARKUS_CASSANDRA_AUTH_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.cassandra.passwordKey }}
{{- end }}
{{- end }}

{{/* Kafka's security protocol from the SASL and TLS settings; empty for PLAINTEXT. */}}
{{- define "chat.kafka.securityProtocol" -}}
{{- $sasl := .Values.kafka.sasl.mechanism }}
{{- $tls := .Values.kafka.tls.enabled }}
{{- if and $sasl $tls }}SASL_SSL
{{- else if $sasl }}SASL_PLAINTEXT
{{- else if $tls }}SSL
{{- end }}
{{- end }}

{{- define "chat.kafka.caMountPath" -}}/etc/chat/kafka-ca{{- end }}

{{- define "chat.env.kafka" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required: the Kafka bootstrap servers as host:port[,host:port...]" .Values.kafka.bootstrapServers | quote }}
{{- $protocol := include "chat.kafka.securityProtocol" . }}
{{- if $protocol }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ $protocol }}
{{- end }}
{{- with .Values.kafka.sasl.mechanism }}
{{- $module := "" }}
{{- if eq . "PLAIN" }}
{{- $module = "org.apache.kafka.common.security.plain.PlainLoginModule" }}
{{- else if or (eq . "SCRAM-SHA-256") (eq . "SCRAM-SHA-512") }}
{{- $module = "org.apache.kafka.common.security.scram.ScramLoginModule" }}
{{- else }}
{{- fail (printf "kafka.sasl.mechanism %q is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512" .) }}
{{- end }}
{{- $secret := required "kafka.sasl.existingSecret is required with kafka.sasl.mechanism: the Secret holding the SASL user name and password" $.Values.kafka.sasl.existingSecret }}
- name: KAFKA_SASL_MECHANISM
  value: {{ . }}
{{- /* Not KAFKA_*: Quarkus would hand every KAFKA_ variable to the Kafka clients. */}}
- name: CHAT_KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $.Values.kafka.sasl.usernameKey }}
- name: CHAT_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $.Values.kafka.sasl.passwordKey }}
- name: KAFKA_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"$(CHAT_KAFKA_SASL_USERNAME)\" password=\"$(CHAT_KAFKA_SASL_PASSWORD)\";" $module | quote }}
{{- end }}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "%s/%s" (include "chat.kafka.caMountPath" .) .Values.kafka.tls.caKey | quote }}
{{- end }}
{{- end }}

{{- define "chat.kafka.volumes" -}}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.caSecret }}
    items:
      - key: {{ .Values.kafka.tls.caKey }}
        path: {{ .Values.kafka.tls.caKey }}
{{- end }}
{{- end }}

{{- define "chat.kafka.volumeMounts" -}}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: kafka-ca
  mountPath: {{ include "chat.kafka.caMountPath" . }}
  readOnly: true
{{- end }}
{{- end }}

{{- define "chat.env.redis" -}}
- name: QUARKUS_REDIS_HOSTS
  value: {{ required "redis.url is required: redis://host:port or rediss://host:port" .Values.redis.url | quote }}
{{- with .Values.redis.sentinel.masterName }}
- name: QUARKUS_REDIS_CLIENT_TYPE
  value: sentinel
- name: QUARKUS_REDIS_MASTER_NAME
  value: {{ . | quote }}
- name: QUARKUS_REDIS_AUTO_FAILOVER
  value: "true"
{{- end }}
{{- with .Values.redis.existingSecret }}
- name: QUARKUS_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.redis.passwordKey }}
{{- end }}
{{- end }}

{{- define "chat.env.media" -}}
{{- with .Values.media.s3.endpoint }}
- name: CHAT_MEDIA_S3_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: CHAT_MEDIA_S3_REGION
  value: {{ required "media.s3.region is required" .Values.media.s3.region | quote }}
- name: CHAT_MEDIA_S3_BUCKET
  value: {{ required "media.s3.bucket is required" .Values.media.s3.bucket | quote }}
- name: CHAT_MEDIA_S3_PATH_STYLE
  value: {{ .Values.media.s3.pathStyle | quote }}
{{- with .Values.media.s3.existingSecret }}
- name: CHAT_MEDIA_S3_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.media.s3.accessKeyIdKey }}
- name: CHAT_MEDIA_S3_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.media.s3.secretAccessKeyKey }}
{{- end }}
- name: CHAT_MEDIA_MAX_SIZE
  value: {{ .Values.media.maxSize | quote }}
- name: CHAT_MEDIA_CONTENT_TYPES
  value: {{ .Values.media.contentTypes | quote }}
{{- end }}

{{- define "chat.env.auth" -}}
{{- $location := .Values.auth.publicKeyLocation }}
{{- $secret := .Values.auth.publicKey.existingSecret }}
{{- if and $location $secret }}
{{- fail "set only one of auth.publicKeyLocation and auth.publicKey.existingSecret" }}
{{- end }}
{{- if not (or $location $secret) }}
{{- fail "auth.publicKeyLocation (the identity provider's JWKS URL) or auth.publicKey.existingSecret (a Secret holding the PEM public key) is required" }}
{{- end -}}
- name: MP_JWT_VERIFY_ISSUER
  value: {{ required "auth.issuer is required: the identity provider's issuer" .Values.auth.issuer | quote }}
{{- if $location }}
- name: MP_JWT_VERIFY_PUBLICKEY_LOCATION
  value: {{ $location | quote }}
{{- else }}
- name: MP_JWT_VERIFY_PUBLICKEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.auth.publicKey.key }}
{{- end }}
- name: CHAT_AUTH_DEVICE_CLAIM
  value: {{ .Values.auth.deviceClaim | quote }}
{{- end }}

{{/* ----------------------------------------------------------------------------------------
One service: its ServiceAccount, Service and Deployment. Every service listens on its public port
(`http`) and on the management port (`management`: probes, metrics); those the callers table gives
an internal API also on `internal`; those that serve or call one mount their certificate.
Context: dict
  root          the root context
  key           the service's values key
  env           its own environment entries (YAML list, rendered)
  volumes       extra volumes (YAML list, rendered; may be empty)
  volumeMounts  extra volume mounts (YAML list, rendered; may be empty)
*/}}
{{- define "chat.workload" -}}
{{- $root := .root }}
{{- $key := .key }}
{{- $svc := index $root.Values $key }}
{{- $ctx := dict "root" $root "key" $key }}
{{- $name := include "chat.componentName" $ctx }}
{{- $probes := mergeOverwrite (deepCopy $root.Values.probes) (deepCopy (default (dict) $svc.probes)) }}
{{- $autoscaled := dig "autoscaling" "enabled" false $svc }}
{{- $internal := has $key (splitList " " (include "chat.internalServerKeys" $root)) }}
{{- $tls := has $key (splitList " " (include "chat.internalTlsKeys" $root)) }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  labels:
    {{- include "chat.componentLabels" $ctx | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "chat.componentLabels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "chat.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ $svc.port }}
      targetPort: http
      protocol: TCP
    {{- if $internal }}
    - name: internal
      port: {{ include "chat.internalPort" $root }}
      targetPort: internal
      protocol: TCP
    {{- end }}
    - name: management
      port: {{ include "chat.managementPort" $root }}
      targetPort: management
      protocol: TCP
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "chat.componentLabels" $ctx | nindent 4 }}
spec:
  {{- if not $autoscaled }}
  replicas: {{ $svc.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "chat.selectorLabels" $ctx | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      # Keep full capacity during a rollout: new pods start before old ones go.
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "chat.componentLabels" $ctx | nindent 8 }}
        {{- with $root.Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- $annotations := merge (deepCopy (default (dict) $svc.podAnnotations)) (deepCopy $root.Values.podAnnotations) }}
      {{- with $annotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ $name }}
      automountServiceAccountToken: false
      {{- with (include "chat.imagePullSecrets" $root) }}
      {{- . | nindent 6 }}
      {{- end }}
      securityContext:
        {{- include "chat.podSecurityContext" $root | nindent 8 }}
      terminationGracePeriodSeconds: {{ dig "terminationGracePeriodSeconds" 30 $svc }}
      containers:
        - name: {{ $key }}-service
          image: {{ include "chat.image" (dict "root" $root "image" $svc.image) | quote }}
          imagePullPolicy: {{ $root.Values.global.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $svc.port }}
              protocol: TCP
            {{- if $internal }}
            - name: internal
              containerPort: {{ include "chat.internalPort" $root }}
              protocol: TCP
            {{- end }}
            - name: management
              containerPort: {{ include "chat.managementPort" $root }}
              protocol: TCP
          env:
            - name: QUARKUS_HTTP_PORT
              value: {{ $svc.port | quote }}
            - name: JAVA_OPTS_APPEND
              value: {{ $svc.javaOpts | quote }}
            - name: CHAT_STARTUP_DEPENDENCY_TIMEOUT
              value: {{ $root.Values.startupDependencyTimeout | quote }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with $root.Values.commonEnv }}
            {{- include "chat.envMap" . | trim | nindent 12 }}
            {{- end }}
            {{- with $svc.env }}
            {{- include "chat.envMap" . | trim | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: {{ $probes.startup.path }}
              port: management
            initialDelaySeconds: {{ $probes.startup.initialDelaySeconds }}
            periodSeconds: {{ $probes.startup.periodSeconds }}
            timeoutSeconds: {{ $probes.startup.timeoutSeconds }}
            failureThreshold: {{ $probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: {{ $probes.liveness.path }}
              port: management
            periodSeconds: {{ $probes.liveness.periodSeconds }}
            timeoutSeconds: {{ $probes.liveness.timeoutSeconds }}
            failureThreshold: {{ $probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: {{ $probes.readiness.path }}
              port: management
            periodSeconds: {{ $probes.readiness.periodSeconds }}
            timeoutSeconds: {{ $probes.readiness.timeoutSeconds }}
            failureThreshold: {{ $probes.readiness.failureThreshold }}
            successThreshold: {{ $probes.readiness.successThreshold }}
          {{- if gt (int $root.Values.preStop.sleepSeconds) 0 }}
          lifecycle:
            preStop:
              {{- if $root.Values.preStop.nativeSleep }}
              sleep:
                seconds: {{ $root.Values.preStop.sleepSeconds }}
              {{- else }}
              exec:
                command: ["sleep", {{ $root.Values.preStop.sleepSeconds | quote }}]
              {{- end }}
          {{- end }}
          resources:
            {{- required (printf "%s.resources is required" $key) $svc.resources | toYaml | nindent 12 }}
          securityContext:
            {{- include "chat.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            {{- include "chat.tmpVolumeMount" $root | nindent 12 }}
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- if $tls }}
            - name: internal-tls
              mountPath: {{ include "chat.internalTlsMountPath" $root }}
              readOnly: true
            {{- end }}
      volumes:
        {{- include "chat.tmpVolume" $root | nindent 8 }}
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- if $tls }}
        - name: internal-tls
          secret:
            secretName: {{ include "chat.internalTlsSecretName" $ctx }}
            # 0440: readable by the pod's fsGroup (185), not by others.
            defaultMode: 288
            items:
              - key: tls.crt
                path: tls.crt
              - key: tls.key
                path: tls.key
              - key: ca.crt
                path: ca.crt
        {{- end }}
      {{- if $root.Values.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: {{ $root.Values.topologySpread.topologyKey }}
          whenUnsatisfiable: {{ $root.Values.topologySpread.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "chat.selectorLabels" $ctx | nindent 14 }}
      {{- end }}
      {{- with $svc.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
