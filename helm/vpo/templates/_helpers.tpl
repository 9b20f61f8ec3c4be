{{/*
Chart name, cut to 63 characters: Kubernetes names and label values are DNS labels.
*/}}
{{- define "vpo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full resource name: release-chart, or the release name alone when it already holds the chart name; cut to
63 characters without a trailing dash.
*/}}
{{- define "vpo.fullname" -}}
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

{{/*
Name of the data-construction Job. Pods of an Indexed Job are named <job>-<index>-<suffix> and their
hostname <job>-<index> must stay a DNS label, so the Job name is kept to 52 characters.
*/}}
{{- define "vpo.dataJobName" -}}
{{- $stage := required "dataJob.stage is required when dataJob.enabled is true" .Values.dataJob.stage }}
{{- printf "%s-data-%s" (include "vpo.fullname" . | trunc 30 | trimSuffix "-") $stage | lower | replace "_" "-" | trunc 52 | trimSuffix "-" }}
{{- end }}

{{/*
Chart label value: name-version.
*/}}
{{- define "vpo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of the optimizer's pods and of the Service, PDB and NetworkPolicy that select them.
*/}}
{{- define "vpo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vpo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: optimizer
{{- end }}

{{/*
Labels of every resource of the optimizer.
*/}}
{{- define "vpo.labels" -}}
helm.sh/chart: {{ include "vpo.chart" . }}
{{ include "vpo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels of the data-construction Job and its pods: a different component, so the optimizer's Service never
selects them.
*/}}
{{- define "vpo.dataJobLabels" -}}
helm.sh/chart: {{ include "vpo.chart" . }}
app.kubernetes.io/name: {{ include "vpo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: data
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
ServiceAccount of the optimizer's pods.
*/}}
{{- define "vpo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "vpo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The optimizer image, tag pinned (the chart's appVersion when image.tag is empty).
*/}}
{{- define "vpo.image" -}}
{{- $repository := required "image.repository is required" .Values.image.repository }}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}

{{/*
The vpo-train image of the data-construction Job.
*/}}
{{- define "vpo.dataJobImage" -}}
{{- $repository := required "dataJob.image.repository is required when dataJob.enabled is true" .Values.dataJob.image.repository }}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.dataJob.image.tag | toString) }}
{{- end }}

{{/*
An HTTP probe on the container's named port; the argument is one entry of .Values.probes.
*/}}
{{- define "vpo.httpProbe" -}}
httpGet:
  path: {{ required "every probe needs a path" .path }}
  port: http
initialDelaySeconds: {{ .initialDelaySeconds }}
periodSeconds: {{ .periodSeconds }}
timeoutSeconds: {{ .timeoutSeconds }}
failureThreshold: {{ .failureThreshold }}
{{- end }}

{{/*
Container resources, with gpu.count GPUs added to the limits when it is above zero.
*/}}
{{- define "vpo.resources" -}}
{{- $resources := deepCopy .Values.resources }}
{{- if gt (int .Values.gpu.count) 0 }}
{{- $limits := default (dict) $resources.limits }}
{{- $_ := set $limits .Values.gpu.resourceName (.Values.gpu.count | toString) }}
{{- $_ = set $resources "limits" $limits }}
{{- end }}
{{- toYaml $resources }}
{{- end }}

{{/*
Claim holding the video jobs' data folder: the existing one, or the one the chart creates.
*/}}
{{- define "vpo.videosClaimName" -}}
{{- if .Values.videos.persistence.existingClaim }}
{{- .Values.videos.persistence.existingClaim }}
{{- else }}
{{- printf "%s-videos" (include "vpo.fullname" . | trunc 56 | trimSuffix "-") }}
{{- end }}
{{- end }}

{{/*
Refuses video settings that would leak a secret or lose jobs; renders nothing. API keys belong in a Secret
(videos.apiKeys), not in the ConfigMap. The SQLite job store serves one replica: each replica would drive
every unfinished job it finds, a ReadWriteOnce volume attaches to one node and an emptyDir is per pod.
*/}}
{{- define "vpo.videosChecked" -}}
{{- $backends := dig "Videos" "Backends" (list) .Values.settings }}
{{- $names := list }}
{{- range $index, $backend := $backends }}
{{- if hasKey $backend "ApiKey" }}
{{- fail (printf "settings.Videos.Backends[%d].ApiKey would put an API key into the ConfigMap: keep it in a Secret and name it in videos.apiKeys (existingSecret, secretKeys)" $index) }}
{{- end }}
{{- $names = append $names (get $backend "Name" | toString) }}
{{- end }}
{{- range $name, $key := .Values.videos.apiKeys.secretKeys }}
{{- if not (has $name $names) }}
{{- fail (printf "videos.apiKeys.secretKeys names backend '%s', which settings.Videos.Backends does not have (backends: %s)" $name (join ", " $names)) }}
{{- end }}
{{- end }}
{{- $replicas := ternary (int .Values.autoscaling.maxReplicas) (int .Values.replicaCount) .Values.autoscaling.enabled }}
{{- if and $backends (gt $replicas 1) (not .Values.videos.multipleReplicasAcknowledged) }}
{{- fail (printf "%d replicas (replicaCount, or autoscaling.maxReplicas) with video backends: the SQLite job store in videos.dataFolder serves one replica (each replica would drive every unfinished job; a ReadWriteOnce volume attaches to one node; an emptyDir is per pod). Run one replica, or register a server-database job store (repository README, \"Several replicas\") and set videos.multipleReplicasAcknowledged=true" $replicas) }}
{{- end }}
{{- end }}
