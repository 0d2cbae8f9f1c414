# Sourced by the scripts that run the lab under a virtual display (docs/screenshot.sh, tools/startup-time.sh,
# tools/startup-classes.sh): one way to start Xvfb, start and stop `mvn javafx:run`, and clean up.
# Needs Xvfb and a built tree (mvn -DskipTests package).
#
#   lab_display_start [SETTINGS]  a free display (LAB_SCREEN, default 1600x1000) and a fresh settings directory,
#                                 LAB_HOME, whose settings.properties gets window bounds filling the screen and the
#                                 SETTINGS lines (alert pop-ups stay in their default state unless SETTINGS says)
#   lab_start [MAVEN ARGS]        `mvn javafx:run` in its own process group, output in $LAB_HOME/run.log
#   lab_wait_started              waits (up to 60 s) for the line the lab prints once its window is up
#   lab_stop                      ends the app (mvn forks its JVM: the whole process group)
# An EXIT trap stops the app and Xvfb and removes LAB_HOME.

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
LAB_APP=
LAB_XVFB=
LAB_HOME=
LAB_SCREEN=${LAB_SCREEN:-1600x1000}

lab_display_start() {
    # A free display number, so that several checkouts can run the lab at once.
    local n=99
    while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
    LAB_DISPLAY=":$n"
    LAB_HOME=$(mktemp -d)   # fresh settings: default layout, the window filling the screen
    local w=${LAB_SCREEN%x*} h=${LAB_SCREEN#*x}
    printf 'window=0,0,%s,%s\n%s\n' "$w" "$h" "${1:-}" > "$LAB_HOME/settings.properties"
    Xvfb "$LAB_DISPLAY" -screen 0 "${LAB_SCREEN}x24" >/dev/null 2>&1 &
    LAB_XVFB=$!
    trap lab_cleanup EXIT
    sleep 1
}

lab_start() {
    DISPLAY=$LAB_DISPLAY setsid mvn -B -q -o javafx:run -Dlockscope.home="$LAB_HOME" "$@" >"$LAB_HOME/run.log" 2>&1 &
    LAB_APP=$!
}

lab_wait_started() {
    local _
    for _ in $(seq 120); do
        grep -q '^lockscope: ' "$LAB_HOME/run.log" && return 0
        sleep 0.5
    done
    return 1
}

lab_stop() {
    if [ -n "$LAB_APP" ]; then
        kill -TERM -- "-$LAB_APP" 2>/dev/null || true
        wait "$LAB_APP" 2>/dev/null || true
        LAB_APP=
    fi
}

lab_cleanup() {
    lab_stop
    [ -n "$LAB_XVFB" ] && kill "$LAB_XVFB" 2>/dev/null || true
    [ -n "$LAB_HOME" ] && rm -rf "$LAB_HOME"
}
